package api

import (
	"errors"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// actorKey holds the authenticated partnership.Actor on the echo context.
const actorKey = "partnerdocs.actor"

// authorize returns the middleware that lets a request through to route
// only with a valid bearer token whose role the permission table allows.
func (s *Server) authorize(route string) (echo.MiddlewareFunc, error) {
	perm, err := permissionFor(s.permissions, route)
	if err != nil || perm.public {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }, err
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			actor, err := s.authenticate(c)
			if err != nil {
				return err
			}
			if !perm.allows(actor.Role) {
				return partnership.NewError(partnership.EForbidden,
					"Your token's role ("+string(actor.Role)+") may not do this.")
			}
			c.Set(actorKey, actor)
			return next(c)
		}
	}, nil
}

// authenticate finds the token the request carries. A valid token is
// never refused, whoever else has failed from the same address (behind a
// proxy everyone may share one) or with a token of the same prefix; a
// wrong or missing token is answered 429 instead of 401 when its client
// address, or its token's prefix, has failed too often lately
// (workflow.FailureKeys). Nothing about the token is logged or echoed.
func (s *Server) authenticate(c *echo.Context) (partnership.Actor, error) {
	now := time.Now()
	secret, ok := bearerToken(c.Request().Header.Get(echo.HeaderAuthorization))
	keys := workflow.FailureKeys(c.RealIP(), secret)
	if !ok {
		s.metrics.authFailures.WithLabelValues(authMissing).Inc()
		return partnership.Actor{}, s.limited(c, keys, now, partnership.NewError(partnership.EUnauthorized,
			`This needs a token: send "Authorization: Bearer <token>".`))
	}
	actor, err := s.flow.Authenticate(c.Request().Context(), secret)
	if partnership.ErrorCode(err) != partnership.EUnauthorized {
		return actor, err
	}
	s.metrics.authFailures.WithLabelValues(authInvalid).Inc()
	if refused := s.limited(c, keys, now, err); refused != err {
		return partnership.Actor{}, refused
	}
	if ferr := s.authFailures.Fail(c.Request().Context(), now, keys...); ferr != nil {
		s.log.LogAttrs(c.Request().Context(), slog.LevelWarn, "authentication failure not shared", slog.String("error", ferr.Error()))
	}
	return partnership.Actor{}, err
}

// limited is the 429 for an attempt whose keys have failed too often
// lately, with Retry-After; otherwise err.
func (s *Server) limited(c *echo.Context, keys []string, now time.Time, err error) error {
	wait := s.authFailures.Wait(now, keys...)
	if wait <= 0 {
		return err
	}
	s.metrics.authRateLimited.Inc()
	c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	return partnership.NewError(partnership.ETooMany,
		"Too many failed attempts to authenticate from your address or with this token; try again later.")
}

// bearerToken reads "Bearer <token>" (the scheme in any case, RFC 9110).
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

// actorOf is who made the request; authorize has put it there.
func actorOf(c *echo.Context) (partnership.Actor, error) {
	actor, ok := c.Get(actorKey).(partnership.Actor)
	if !ok {
		return partnership.Actor{}, errors.New("no authenticated actor on the request")
	}
	return actor, nil
}
