#!/usr/bin/env bash
# Neovim (Debian's 0.7, headless) attaches `presslint lsp` with its built-in
# client (tests/nvim/lsp.lua); this checks the diagnostics it wrote down.
# usage: tests/nvim/run.sh PRESSLINT_BINARY
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(realpath "$1")"
command -v nvim >/dev/null || { echo "nvim is not installed (Debian package neovim)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/release.md" <<'RELEASE'
FOR IMMEDIATE RELEASE

# Acme Widgets opens its third plant in Dayton

DAYTON, Ohio, March 3, 2026 — Acme Widgets Inc. today opened a manufacturing
plant 🏭 in Dayton with world-class tools. Tours start at 9:00 AM on Friday.

"We looked at 12 sites in four states, and this one stood out," said Dana
Atkins, chief executive of Acme Widgets.

###

About Acme Widgets: Acme Widgets Inc. makes precision components in Ohio.
More at [our site](TODO).

Media Contact:
Jordan Reyes
+1 937-555-0142
press@acmewidgets.com
RELEASE
cd "$work"
# HOME and XDG folders in the temporary folder: no user config, no shada.
HOME="$work" XDG_CONFIG_HOME="$work/.config" XDG_DATA_HOME="$work/.local/share" \
XDG_STATE_HOME="$work/.local/state" PRESSLINT_BIN="$bin" PRESSLINT_OUT="$work/out.txt" \
  timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $here/lsp.lua" release.md \
  </dev/null >/dev/null 2>"$work/nvim.err" || { cat "$work/nvim.err"; exit 1; }
cat > "$work/expected.txt" <<'EXPECTED'
open 4:0-4:0 3 body.length body is 47 words long; aim for 300 to 800
open 5:24-5:35 3 style.hype hype: "world-class"; say what it does or what it changed instead
open 5:58-5:65 3 style.time-format time "9:00 AM" is not in AP style; write "9 a.m."
open 13:19-13:23 1 link.placeholder link target "TODO" is a placeholder; link to the real page
published open
edit 2:40-2:47 2 headline.exclamation exclamation mark in the headline: "Dayton!"
edit 4:0-4:0 3 body.length body is 47 words long; aim for 300 to 800
edit 5:24-5:35 3 style.hype hype: "world-class"; say what it does or what it changed instead
edit 5:58-5:65 3 style.time-format time "9:00 AM" is not in AP style; write "9 a.m."
edit 13:19-13:23 1 link.placeholder link target "TODO" is a placeholder; link to the real page
published edit
nvim 2:40 exclamation mark in the headline: "Dayton!"
nvim 4:0 body is 47 words long; aim for 300 to 800
nvim 5:26 hype: "world-class"; say what it does or what it changed instead
nvim 5:60 time "9:00 AM" is not in AP style; write "9 a.m."
nvim 13:19 link target "TODO" is a placeholder; link to the real page
done
exit 0
EXPECTED
if ! diff -u "$work/expected.txt" "$work/out.txt"; then
  echo "--- nvim stderr:"; cat "$work/nvim.err"
  exit 1
fi
echo "nvim-lsp: diagnostics as expected"

# The quickfix list from the text output (:make with the README's errorformat).
PATH="$(dirname "$bin"):$PATH" HOME="$work" PRESSLINT_OUT="$work/qf.txt" \
  timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $here/quickfix.lua" release.md \
  </dev/null >/dev/null 2>"$work/nvim.err" || { cat "$work/nvim.err"; exit 1; }
cat > "$work/qf-expected.txt" <<'EXPECTED'
release.md:5:1 n body is 47 words long; aim for 300 to 800 [body.length]
release.md:6:24 n hype: "world-class"; say what it does or what it changed instead [style.hype]
release.md:6:58 n time "9:00 AM" is not in AP style; write "9 a.m." [style.time-format]
release.md:14:20 e link target "TODO" is a placeholder; link to the real page [link.placeholder]
EXPECTED
if ! diff -u "$work/qf-expected.txt" "$work/qf.txt"; then
  echo "--- nvim stderr:"; cat "$work/nvim.err"
  exit 1
fi
echo "nvim-quickfix: entries as expected"
