package suggest_test

import (
	"fmt"

	"descent/scene/suggest"
)

func ExampleNearest() {
	names := []string{"sgd", "adam", "rmsprop"}
	fmt.Printf("%q\n", suggest.Nearest("adma", names))
	fmt.Printf("%q\n", suggest.Nearest("RMSProp", names))
	fmt.Printf("%q\n", suggest.Nearest("lbfgs", names))
	fmt.Printf("%q\n", suggest.Nearest("cosine", []string{"sin", "cos"}))
	// Output:
	// "adam"
	// "rmsprop"
	// ""
	// "cos"
}

func ExampleDistance() {
	fmt.Println(suggest.Distance("adma", "adam"), suggest.Distance("Über", "uber"), suggest.Distance("kitten", "sitting"))
	// Output: 1 1 3
}
