package expr

import (
	"fmt"
	"unicode/utf8"
)

// Bounds of an expression, checked before anything is allocated for it.
const (
	// MaxLength is the longest expression in bytes: 128 KiB, room for
	// generated formulas (a sum of a thousand Gaussian bumps is about 40 KB).
	// One that long parses and compiles in about 20 ms
	// (BenchmarkParseLongest) but costs 0.2 to 0.5 ms per evaluation
	// (BenchmarkEvalLongest), so a 200x200 mesh of it takes seconds:
	// longer formulas would make the window unusable, not merely slow to
	// start.
	MaxLength = 128 << 10
	// MaxDepth caps the nesting of parentheses, calls, signs and powers, so
	// that hostile input gets an error instead of deep recursion; formulas
	// written by hand nest a few levels.
	MaxDepth = 200
)

// nodeKind classifies a node of the syntax tree.
type nodeKind int

const (
	nodeNum    nodeKind = iota // a number or a named constant
	nodeVar                    // x or y
	nodeUnary                  // negation or a one-argument function
	nodeBinary                 // an operator or a two-argument function
)

// node is a node of the syntax tree.
type node struct {
	kind nodeKind
	op   opcode  // for nodeUnary and nodeBinary: the operation, e.g. opSin, opAdd
	val  float64 // for nodeNum
	slot int32   // for nodeVar: 0 for x, 1 for y
	a, b *node   // operands (b only for nodeBinary)
}

// parser is a recursive-descent parser over the grammar
//
//	sum     = product { ("+" | "-") product }
//	product = unary { ("*" | "/") unary }
//	unary   = ("-" | "+") unary | power
//	power   = primary [ ("^" | "**") unary ]
//	primary = number | name | name "(" sum { "," sum } ")" | "(" sum ")"
//
// so that ^ is right-associative and binds tighter than a leading minus,
// and an exponent may carry its own sign (2^-1).
type parser struct {
	lex   lexer
	tok   token // the current token
	depth int
	usesX bool
	usesY bool
}

// parse parses a whole expression.
func parse(src string) (*parser, *node, error) {
	if len(src) > MaxLength {
		// The column of the first rune past the bound.
		col := utf8.RuneCountInString(src[:MaxLength]) + 1
		return nil, nil, errorf(col, "expression too long: %d bytes (at most %d)", len(src), MaxLength)
	}
	p := &parser{lex: lexer{src: src, col: 1}}
	if err := p.advance(); err != nil {
		return nil, nil, err
	}
	if p.tok.kind == tokEOF {
		return nil, nil, errorf(1, "empty expression")
	}
	n, err := p.sum()
	if err != nil {
		return nil, nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, nil, p.unexpectedAfterOperand()
	}
	return p, n, nil
}

// advance reads the next token into p.tok.
func (p *parser) advance() error {
	t, err := p.lex.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

// unexpectedAfterOperand explains a token that follows a complete operand
// where an operator, ')' or the end was expected.
func (p *parser) unexpectedAfterOperand() error {
	t := p.tok
	switch t.kind {
	case tokRParen:
		return errorf(t.col, "unmatched ')'")
	case tokComma:
		return errorf(t.col, "unexpected ',' outside a function's arguments")
	case tokNumber, tokIdent, tokLParen:
		return errorf(t.col, "expected an operator, found %s (write * for a product)", describe(t))
	}
	return errorf(t.col, "expected an operator or end of input, found %s", describe(t))
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return errorf(p.tok.col, "expression nested too deeply (more than %d levels)", MaxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) sum() (*node, error) {
	left, err := p.product()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tokOp && (p.tok.text == "+" || p.tok.text == "-") {
		op := opAdd
		if p.tok.text == "-" {
			op = opSub
		}
		opTok := p.tok
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.operand(opTok, p.product)
		if err != nil {
			return nil, err
		}
		left = &node{kind: nodeBinary, op: op, a: left, b: right}
	}
	return left, nil
}

func (p *parser) product() (*node, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tokOp && (p.tok.text == "*" || p.tok.text == "/") {
		op := opMul
		if p.tok.text == "/" {
			op = opDiv
		}
		opTok := p.tok
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.operand(opTok, p.unary)
		if err != nil {
			return nil, err
		}
		left = &node{kind: nodeBinary, op: op, a: left, b: right}
	}
	return left, nil
}

// operand parses the right operand of the operator opTok with rule, first
// checking that one can start here so that the error names the operator.
func (p *parser) operand(opTok token, rule func() (*node, error)) (*node, error) {
	if !p.startsOperand() {
		what := "operand"
		if opTok.text == "^" || opTok.text == "**" {
			what = "exponent"
		}
		return nil, errorf(p.tok.col, "expected an %s after '%s' at column %d, found %s",
			what, opTok.text, opTok.col, describe(p.tok))
	}
	return rule()
}

// startsOperand reports whether the current token can begin an operand.
func (p *parser) startsOperand() bool {
	switch p.tok.kind {
	case tokNumber, tokIdent, tokLParen:
		return true
	case tokOp:
		return p.tok.text == "-" || p.tok.text == "+"
	}
	return false
}

func (p *parser) unary() (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	if p.tok.kind == tokOp && (p.tok.text == "-" || p.tok.text == "+") {
		opTok := p.tok
		if err := p.advance(); err != nil {
			return nil, err
		}
		operand, err := p.operand(opTok, p.unary)
		if err != nil {
			return nil, err
		}
		if opTok.text == "+" {
			return operand, nil
		}
		return &node{kind: nodeUnary, op: opNeg, a: operand}, nil
	}
	return p.power()
}

func (p *parser) power() (*node, error) {
	base, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.tok.kind == tokOp && (p.tok.text == "^" || p.tok.text == "**") {
		opTok := p.tok
		if err := p.advance(); err != nil {
			return nil, err
		}
		exp, err := p.operand(opTok, p.unary)
		if err != nil {
			return nil, err
		}
		return &node{kind: nodeBinary, op: opPow, a: base, b: exp}, nil
	}
	return base, nil
}

func (p *parser) primary() (*node, error) {
	t := p.tok
	switch t.kind {
	case tokNumber:
		if err := p.advance(); err != nil {
			return nil, err
		}
		return &node{kind: nodeNum, val: t.num}, nil
	case tokLParen:
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.tok.kind == tokRParen {
			return nil, errorf(p.tok.col, "expected an expression inside '(' at column %d, found ')'", t.col)
		}
		inner, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokRParen {
			return nil, p.unclosed(t)
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		return inner, nil
	case tokIdent:
		return p.name()
	case tokEOF:
		return nil, errorf(t.col, "expected an expression, found end of input")
	}
	return nil, errorf(t.col, "expected an expression, found %s", describe(t))
}

// unclosed reports a missing ')' for the '(' token open.
func (p *parser) unclosed(open token) error {
	if p.tok.kind == tokEOF || p.tok.kind == tokComma {
		return errorf(p.tok.col, "expected ')' to close '(' at column %d, found %s", open.col, describe(p.tok))
	}
	return errorf(p.tok.col, "expected an operator or ')' to close '(' at column %d, found %s",
		open.col, describe(p.tok))
}

// name parses a variable, a constant or a function call.
func (p *parser) name() (*node, error) {
	t := p.tok
	if err := p.advance(); err != nil {
		return nil, err
	}
	call := p.tok.kind == tokLParen
	if slot, ok := variables[t.text]; ok {
		if call {
			return nil, errorf(p.tok.col, "expected an operator after variable %q, found '(' (write %s*(...) for a product)", t.text, t.text)
		}
		if slot == 0 {
			p.usesX = true
		} else {
			p.usesY = true
		}
		return &node{kind: nodeVar, slot: slot}, nil
	}
	if v, ok := constants[t.text]; ok {
		if call {
			return nil, errorf(p.tok.col, "expected an operator after constant %q, found '(' (write %s*(...) for a product)", t.text, t.text)
		}
		return &node{kind: nodeNum, val: v}, nil
	}
	fn, ok := functions[t.text]
	if !ok {
		return nil, unknownName(t, call)
	}
	if !call {
		return nil, errorf(p.tok.col, "expected '(' after function %q, found %s", t.text, describe(p.tok))
	}
	return p.call(t, fn)
}

// call parses the parenthesised arguments of fn, whose name is nameTok; the
// current token is the '('.
func (p *parser) call(nameTok token, fn function) (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	open := p.tok
	if err := p.advance(); err != nil {
		return nil, err
	}
	var args []*node
	if p.tok.kind != tokRParen {
		for {
			if !p.startsOperand() {
				if len(args) == 0 {
					return nil, errorf(p.tok.col, "expected an argument to %s, found %s", nameTok.text, describe(p.tok))
				}
				return nil, errorf(p.tok.col, "expected an argument after ',', found %s", describe(p.tok))
			}
			arg, err := p.sum()
			if err != nil {
				return nil, err
			}
			args = append(args, arg)
			if p.tok.kind != tokComma {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
		if p.tok.kind != tokRParen {
			if fn.arity > 1 && p.tok.kind != tokEOF {
				return nil, errorf(p.tok.col, "expected ',' or ')' in the arguments of %s at column %d, found %s",
					nameTok.text, nameTok.col, describe(p.tok))
			}
			return nil, p.unclosed(open)
		}
	}
	if len(args) != fn.arity {
		return nil, errorf(nameTok.col, "%s takes %s, got %d", nameTok.text, plural(fn.arity, "argument"), len(args))
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if fn.arity == 1 {
		return &node{kind: nodeUnary, op: fn.op, a: args[0]}, nil
	}
	return &node{kind: nodeBinary, op: fn.op, a: args[0], b: args[1]}, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
