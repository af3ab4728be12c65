#include "textflag.h"

// func adamPlainPairs(x, grad, expAvg, expAvgSq *float64, pairs int, k *adamConsts)
//
// For each pair of lanes, in adamPlainGo's order:
//   m = m*b1 + c1*g
//   v = v*b2 + (c2*g)*g
//   x = x + (negStep*m) / (sqrt(v)/bc2Sqrt + eps)
// Only SSE2, which every amd64 CPU has (GOAMD64=v1).
TEXT ·adamPlainPairs(SB), NOSPLIT, $0-48
	MOVQ x+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ expAvg+16(FP), R8
	MOVQ expAvgSq+24(FP), R9
	MOVQ pairs+32(FP), CX
	MOVQ k+40(FP), AX
	MOVSD 0(AX), X8   // b1
	UNPCKLPD X8, X8
	MOVSD 8(AX), X9   // c1
	UNPCKLPD X9, X9
	MOVSD 16(AX), X10   // b2
	UNPCKLPD X10, X10
	MOVSD 24(AX), X11   // c2
	UNPCKLPD X11, X11
	MOVSD 32(AX), X12   // bc2Sqrt
	UNPCKLPD X12, X12
	MOVSD 40(AX), X13   // eps
	UNPCKLPD X13, X13
	MOVSD 48(AX), X14   // negStep
	UNPCKLPD X14, X14
	XORQ BX, BX
loop:
	MOVUPD (SI)(BX*1), X0 // g
	MOVUPD (R8)(BX*1), X1 // m
	MULPD X8, X1          // m*b1
	MOVAPD X9, X2
	MULPD X0, X2          // c1*g
	ADDPD X2, X1          // m
	MOVUPD X1, (R8)(BX*1)
	MOVUPD (R9)(BX*1), X3 // v
	MULPD X10, X3         // v*b2
	MOVAPD X11, X4
	MULPD X0, X4          // c2*g
	MULPD X0, X4          // (c2*g)*g
	ADDPD X4, X3          // v
	MOVUPD X3, (R9)(BX*1)
	SQRTPD X3, X5
	DIVPD X12, X5         // sqrt(v)/bc2Sqrt
	ADDPD X13, X5         // denom
	MOVAPD X14, X6
	MULPD X1, X6          // negStep*m
	DIVPD X5, X6          // (negStep*m)/denom
	MOVUPD (DI)(BX*1), X7
	ADDPD X6, X7
	MOVUPD X7, (DI)(BX*1)
	ADDQ $16, BX
	DECQ CX
	JNZ loop
	RET
