// Command congvu runs the agency's work, dossier and evaluation system.
// Everything it does lives in internal/cli; main only wires signals.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"congvu/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
