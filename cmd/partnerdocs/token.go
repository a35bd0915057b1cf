package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// tokenCreateCommand makes an API token and prints its secret, once: only
// its hash is stored, so it cannot be shown again.
type tokenCreateCommand struct {
	registerFlags
	name, role string
	stdout     io.Writer
	stderr     io.Writer
}

func (c *tokenCreateCommand) flags(fs *flag.FlagSet) {
	c.registerFlags.flags(fs)
	fs.StringVar(&c.name, "name", "", "the token's `name`, recorded in the audit trail (required)")
	fs.StringVar(&c.role, "role", "", "officer, legal, policy or admin (required)")
}

func (c *tokenCreateCommand) check() error {
	if err := checkTokenName("token create", c.name); err != nil {
		return err
	}
	if !partnership.Role(c.role).Valid() {
		return usageErrorf("token create: --role must be one of: officer, legal, policy, admin")
	}
	return c.registerFlags.check("token create")
}

func (c *tokenCreateCommand) run(ctx context.Context) error {
	db, err := c.openRegister(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	secret, err := workflow.CreateToken(ctx, db, cliAdmin(), c.name, partnership.Role(c.role))
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "partnerdocs: token %q (%s) created; its secret is below and will not be shown again\n", c.name, c.role)
	_, err = fmt.Fprintln(c.stdout, secret)
	return err
}

// tokenRevokeCommand revokes a token by name; requests with it get 401.
type tokenRevokeCommand struct {
	registerFlags
	name   string
	stderr io.Writer
}

func (c *tokenRevokeCommand) flags(fs *flag.FlagSet) {
	c.registerFlags.flags(fs)
	fs.StringVar(&c.name, "name", "", "the `name` of the token to revoke (required)")
}

func (c *tokenRevokeCommand) check() error {
	if err := checkTokenName("token revoke", c.name); err != nil {
		return err
	}
	return c.registerFlags.check("token revoke")
}

func (c *tokenRevokeCommand) run(ctx context.Context) error {
	db, err := c.openRegister(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := workflow.RevokeToken(ctx, db, cliAdmin(), c.name); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stderr, "partnerdocs: token %q revoked\n", c.name)
	return err
}

// checkTokenName applies workflow's rule for token names, as a usage error.
func checkTokenName(command, name string) error {
	var e *partnership.Error
	if err := workflow.CheckTokenName(name); errors.As(err, &e) && len(e.Problems) > 0 {
		return usageErrorf("%s: --name: %s", command, e.Problems[0].Message)
	}
	return nil
}

func cliAdmin() partnership.Actor {
	return partnership.Actor{Name: cliActor, Role: partnership.RoleAdmin}
}
