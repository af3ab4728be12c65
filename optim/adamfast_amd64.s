#include "textflag.h"

// func adamQuadsAsm(x, grad, expAvg, expAvgSq *float64, quads int, k *adamConsts)
//
// For each four lanes, in adamPlainGo's order:
//   m = fma(g, c1, m*b1)
//   v = fma(c2*g, g, v*b2)
//   x = x + (negStep*m) / (sqrt(v)/bc2Sqrt + eps)
// AVX2 and FMA3 (the caller checks).
TEXT ·adamQuadsAsm(SB), NOSPLIT, $0-48
	MOVQ x+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ expAvg+16(FP), R8
	MOVQ expAvgSq+24(FP), R9
	MOVQ quads+32(FP), CX
	MOVQ k+40(FP), AX
	VBROADCASTSD 0(AX), Y8   // b1
	VBROADCASTSD 8(AX), Y9   // c1
	VBROADCASTSD 16(AX), Y10 // b2
	VBROADCASTSD 24(AX), Y11 // c2
	VBROADCASTSD 32(AX), Y12 // bc2Sqrt
	VBROADCASTSD 40(AX), Y13 // eps
	VBROADCASTSD 48(AX), Y14 // negStep
	XORQ BX, BX
loop:
	VMOVUPD (SI)(BX*1), Y0      // g
	VMOVUPD (R8)(BX*1), Y1      // m
	VMULPD Y8, Y1, Y1           // m*b1
	VFMADD231PD Y9, Y0, Y1      // m = g*c1 + m*b1
	VMOVUPD Y1, (R8)(BX*1)
	VMOVUPD (R9)(BX*1), Y3      // v
	VMULPD Y10, Y3, Y3          // v*b2
	VMULPD Y11, Y0, Y4          // c2*g
	VFMADD231PD Y0, Y4, Y3      // v = (c2*g)*g + v*b2
	VMOVUPD Y3, (R9)(BX*1)
	VSQRTPD Y3, Y5
	VDIVPD Y12, Y5, Y5          // sqrt(v)/bc2Sqrt
	VADDPD Y13, Y5, Y5          // denom
	VMULPD Y1, Y14, Y6          // negStep*m
	VDIVPD Y5, Y6, Y6           // (negStep*m)/denom
	VMOVUPD (DI)(BX*1), Y7
	VADDPD Y6, Y7, Y7
	VMOVUPD Y7, (DI)(BX*1)
	ADDQ $32, BX
	DECQ CX
	JNZ loop
	VZEROUPPER
	RET
