#include "textflag.h"

DATA himmelblauK<>+0(SB)/8, $11.0
DATA himmelblauK<>+8(SB)/8, $11.0
DATA himmelblauK<>+16(SB)/8, $7.0
DATA himmelblauK<>+24(SB)/8, $7.0
DATA himmelblauK<>+32(SB)/8, $4.0
DATA himmelblauK<>+40(SB)/8, $4.0
GLOBL himmelblauK<>(SB), RODATA|NOPTR, $48

// func himmelblauPairs(x, y, f, dx, dy *float64, pairs int)
//
// himmelblauGradient at points 0 .. 2*pairs-1, two at a time (SSE2 only),
// with the very operations the Go code performs, each rounded the same:
//   a = x*x + y - 11;  b = x + y*y - 7
//   f = a*a + b*b;  dx = 4*x*a + 2*b;  dy = 2*a + 4*y*b
TEXT ·himmelblauPairs(SB), NOSPLIT, $0-48
	MOVQ x+0(FP), SI
	MOVQ y+8(FP), DI
	MOVQ f+16(FP), R8
	MOVQ dx+24(FP), R9
	MOVQ dy+32(FP), R10
	MOVQ pairs+40(FP), CX
	MOVUPD himmelblauK<>+0(SB), X12  // 11
	MOVUPD himmelblauK<>+16(SB), X13 // 7
	MOVUPD himmelblauK<>+32(SB), X14 // 4
	XORQ BX, BX
	TESTQ CX, CX
	JZ done
loop:
	MOVUPD (SI)(BX*1), X0 // x
	MOVUPD (DI)(BX*1), X1 // y
	MOVAPD X0, X2
	MULPD X0, X2          // x*x
	ADDPD X1, X2          // x*x + y
	SUBPD X12, X2         // a
	MOVAPD X1, X3
	MULPD X1, X3          // y*y
	ADDPD X0, X3          // x + y*y
	SUBPD X13, X3         // b
	MOVAPD X2, X4
	MULPD X2, X4          // a*a
	MOVAPD X3, X5
	MULPD X3, X5          // b*b
	ADDPD X5, X4          // f
	MOVUPD X4, (R8)(BX*1)
	MOVAPD X0, X6
	MULPD X14, X6         // 4*x
	MULPD X2, X6          // 4*x*a
	MOVAPD X3, X7
	ADDPD X3, X7          // 2*b
	ADDPD X7, X6          // dx
	MOVUPD X6, (R9)(BX*1)
	MOVAPD X2, X8
	ADDPD X2, X8          // 2*a
	MOVAPD X1, X9
	MULPD X14, X9         // 4*y
	MULPD X3, X9          // 4*y*b
	ADDPD X9, X8          // dy
	MOVUPD X8, (R10)(BX*1)
	ADDQ $16, BX
	DECQ CX
	JNZ loop
done:
	RET
