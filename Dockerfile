# syntax=docker/dockerfile:1

# partnerdocs: a static binary in a distroless, non-root image.
#
#   docker build -t partnerdocs .
#   docker run --rm -p 127.0.0.1:8080:8080 -v partnerdocs-data:/data partnerdocs
#
# The binary is self-contained: templates, fonts and samples are embedded
# with go:embed, so nothing but the binary is copied into the final image.

# ---- build -----------------------------------------------------------------
FROM golang:1.26 AS build
WORKDIR /src

# Download modules in their own layer so that a change to the code does not
# download them again.
COPY go.mod go.sum ./
# fpdf is patched in the tree (third_party/fpdf/PATCHES.md); go.mod replaces it.
COPY third_party ./third_party
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/partnerdocs ./cmd/partnerdocs

# ---- run -------------------------------------------------------------------
# static-debian12 has CA certificates and time zone data but no shell or
# libc, which a CGO_ENABLED=0 binary does not need.
FROM gcr.io/distroless/static-debian12:nonroot

LABEL org.opencontainers.image.title="partnerdocs" \
      org.opencontainers.image.description="Register of the council's partnerships and generator of draft partnership documents"

COPY --from=build /out/partnerdocs /partnerdocs

# The nonroot user (uid 65532) of the distroless image; never run as root.
USER nonroot:nonroot

# The register's SQLite file lives on a volume the nonroot user owns (the
# image's root is not writable). Mount one to keep it, or point
# PARTNERDOCS_DATABASE at a postgres:// URL instead. Tokens are made with
#   docker run --rm -v partnerdocs-data:/data partnerdocs token create --name NAME --role admin
WORKDIR /home/nonroot
ENV PARTNERDOCS_DATABASE=/data/partnerdocs.db
VOLUME ["/data"]

EXPOSE 8080

# Outside a container partnerdocs listens on 127.0.0.1 by default. Inside one,
# loopback is unreachable from the host or from other containers, so the
# server must listen on all interfaces (0.0.0.0); the container's network
# and the published port (-p 127.0.0.1:8080:8080) decide who can reach it.
# Probe GET /healthz for liveness and GET /readyz for readiness (there is no shell in the
# image for a HEALTHCHECK command). SIGTERM shuts the server down gracefully.
ENTRYPOINT ["/partnerdocs"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
