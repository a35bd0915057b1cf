package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"partnerdocs/api"
	"partnerdocs/partnership"
)

// maxTokenName bounds a token's name, which the audit trail records.
const maxTokenName = 100

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
	secret, hash := api.NewToken()
	tok := &partnership.Token{Name: c.name, Role: partnership.Role(c.role), Hash: hash}
	if _, err := db.CreateToken(ctx, tok, cliAdmin()); err != nil {
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
	if err := db.RevokeToken(ctx, c.name, cliAdmin()); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stderr, "partnerdocs: token %q revoked\n", c.name)
	return err
}

func checkTokenName(command, name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return usageErrorf("%s: --name is required", command)
	case utf8.RuneCountInString(name) > maxTokenName || strings.ContainsFunc(name, isControl):
		return usageErrorf("%s: --name must be %d characters or fewer, with no control characters", command, maxTokenName)
	}
	return nil
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f }

func cliAdmin() partnership.Actor {
	return partnership.Actor{Name: cliActor, Role: partnership.RoleAdmin}
}
