#!/usr/bin/env bash
# Refreshes the files the forms take from npm packages, at pinned versions:
#
#   web/static/govuk/   govuk-frontend's built CSS and JavaScript (MIT), served
#                       and embedded in the binary, with VERSION and LICENSE.txt
#   web/testdata/axe/   axe-core's axe.min.js (MPL-2.0), for the browser tests
#                       only (never served), with VERSION and LICENSE
#
# Not at build time: the files are committed, so a fresh machine builds with
# go alone. Run this by hand to move to a new version (change the pins below,
# run it, look at the pages and run the browser tests) and commit the result.
#
# What is left out on purpose: the GOV.UK crown, crest and favicons (the
# service is the council's, not GOV.UK's) and the GDS Transport font, which
# is only for GOV.UK. The CSS loses its @font-face rules and "GDS Transport"
# from its font stacks, leaving the stack GOV.UK itself falls back to when
# the font is absent: arial, sans-serif. The source map comments go too (the
# maps are not vendored).
#
# Usage: scripts/vendor-govuk.sh   (needs npm and network access to its registry)
set -euo pipefail
cd "$(dirname "$0")/.."

govuk_version=6.6.0
axe_version=4.14.1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "govuk-frontend@$govuk_version" "axe-core@$axe_version" >/dev/null)
mkdir -p "$work/govuk" "$work/axe"
tar -xzf "$work/govuk-frontend-$govuk_version.tgz" -C "$work/govuk"
tar -xzf "$work/axe-core-$axe_version.tgz" -C "$work/axe"

dist="$work/govuk/package/dist/govuk"
out=web/static/govuk
rm -rf "$out"
mkdir -p "$out"
sed -E -e 's/@font-face\{[^}]*\}//g' -e 's/GDS Transport,//g' -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
	"$dist/govuk-frontend.min.css" >"$out/govuk-frontend.min.css"
sed -E -e 's#//\# sourceMappingURL=.*$##' "$dist/govuk-frontend.min.js" >"$out/govuk-frontend.min.js"
if grep -q 'GDS Transport\|@font-face' "$out/govuk-frontend.min.css"; then
	echo "vendor-govuk: the CSS still names the GDS Transport font; the sed above needs updating" >&2
	exit 1
fi
echo "govuk-frontend $govuk_version" >"$out/VERSION"
# The npm package names its licence (MIT) in package.json but ships no
# licence file, so its text is written here, as the project publishes it.
cat >"$out/LICENSE.txt" <<'LICENCE'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENCE

axe_out=web/testdata/axe
rm -rf "$axe_out"
mkdir -p "$axe_out"
cp "$work/axe/package/axe.min.js" "$work/axe/package/LICENSE" "$axe_out/"
echo "axe-core $axe_version" >"$axe_out/VERSION"

echo "vendored govuk-frontend $govuk_version into $out and axe-core $axe_version into $axe_out"
