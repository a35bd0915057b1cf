package partnership

import "time"

// Session is a signed-in browser's session as the register keeps it: the
// SHA-256 of its id (the id itself is only ever in the browser's cookie),
// who signed in, and when it started and was last used, which decide its
// idle and absolute timeouts.
type Session struct {
	Hash       []byte
	Actor      Actor
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// SignInLink is a secret that signs in once: the first run's way in for an
// administrator, before any token exists. Only its hash is kept; it is
// spent the moment it is used, and is worthless after ExpiresAt.
type SignInLink struct {
	Hash      []byte
	Actor     Actor
	CreatedAt time.Time
	ExpiresAt time.Time
}
