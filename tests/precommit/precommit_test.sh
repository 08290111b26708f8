#!/usr/bin/env bash
# The pre-commit hook, run by Debian's pre-commit the way a releases
# repository runs it: `pre-commit try-repo` against this checkout, then the
# README's .pre-commit-config.yaml snippet with `pre-commit install` and a
# real `git commit`. The built presslint is first on PATH.
#
# usage: precommit_test.sh SOURCE_DIR PRESSLINT_BINARY
#
# Nothing here needs the network: the hook is `language: system`, and git may
# only use local files (GIT_ALLOW_PROTOCOL=file).
set -euo pipefail

src=$(cd "$1" && pwd)
binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
pre_commit=/usr/bin/pre-commit

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ -x "$pre_commit" ] || fail "$pre_commit is missing (Debian package pre-commit, in scripts/packages.txt)"
[ -x "$binary" ] || fail "no presslint binary at $binary"
[ -f "$src/.pre-commit-hooks.yaml" ] || fail "no .pre-commit-hooks.yaml in $src"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The built binary first on PATH, and pre-commit's store in the temporary folder.
mkdir "$work/bin"
ln -s "$binary" "$work/bin/presslint"
export PATH="$work/bin:$PATH"
export PRE_COMMIT_HOME="$work/pre-commit-home"
export GIT_ALLOW_PROTOCOL=file
export GIT_AUTHOR_NAME="Test" GIT_AUTHOR_EMAIL="test@localhost"
export GIT_COMMITTER_NAME="Test" GIT_COMMITTER_EMAIL="test@localhost"
export GIT_TERMINAL_PROMPT=0
# No user or system git config: a global core.hooksPath would make
# `pre-commit install` refuse, and templates or aliases could change git.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

[ "$(command -v presslint)" = "$work/bin/presslint" ] || fail "presslint on PATH is $(command -v presslint)"
version=$(presslint --version)
[ "$version" = "$("$binary" --version)" ] || fail "presslint --version says \"$version\""
case "$version" in
  "presslint "[0-9]*) echo "on PATH: $version" ;;
  *) fail "unexpected --version output: $version" ;;
esac

# run EXPECTED_STATUS LOG COMMAND...: runs the command and checks its status.
run() {
  local expected=$1 log=$2
  shift 2
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne "$expected" ]; then
    cat "$log" >&2
    fail "$* exited $status, expected $expected"
  fi
}

contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks: $2"; }; }
lacks() { ! grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 has: $2"; }; }

# A releases repository: a clean release, one with a leftover placeholder
# (5:98), an HTML page with one, and the files that are not releases (with
# placeholders too, which the hook must not see).
repo="$work/releases-repo"
mkdir -p "$repo/releases"
cd "$repo"
git init -q .
cat >releases/good.md <<'MD'
FOR IMMEDIATE RELEASE

# Acme opens a widget plant in Dayton

DAYTON, Ohio, March 3, 2026 — Acme Corp. will open a widget plant in Dayton this spring and hire 200 people to staff it, the company said.

The plant, on the site of a former printing works near the Great Miami River, will make the small steel widgets that Acme sells to builders of farm machinery. Work on the building began last year, and the first production line is due to start in May. A second line will follow in the autumn if orders hold up.

Acme chose Dayton for its workforce, its rail links and the support of the city, which agreed to rebuild the road that serves the site. The state will train new workers through its apprenticeship program, and a local college will run evening classes in welding and machine repair for staff who want them.

"Dayton has built things for well over a century, and we want to be part of the next one," said Dana Atkins, the chief executive of Acme. "The people we met here know how to make things well, and they know how to teach others to do the same."

The company expects to spend about $40 million on the plant over three years. Most of the money will go to presses, furnaces and the cranes that move coils of steel from the rail siding to the line. The rest will pay for a warehouse and for offices on the upper floor of the old works.

Hiring starts next month. Acme will hold open days at the site on the first two Saturdays of April, when people can see the building, meet the managers and apply for jobs on the spot. The company is looking for machine operators, welders, electricians, drivers and office staff, and it will pay for the training that each role needs.

The mayor of Dayton said the plant would bring steady work to a part of the city that lost many jobs when the printing works closed. Local shops near the site have already seen more trade from the builders working there.

Acme runs two other plants, in Toledo and in Fort Wayne, Indiana, and employs about 900 people in all. The Dayton plant will be its largest when both lines are running.

###

About Acme

Acme Corp. makes steel widgets for the builders of farm machinery. It was founded in Toledo in 1952 and is owned by its employees.

Media Contact:
Dana Atkins
press@acme.com
MD
sed 's/hire 200 people/hire TK people/' releases/good.md >releases/bad.md
printf '# Notes\n\nTK: write the release index.\n' >README.md
printf 'Copyright TK\n' >LICENSE
printf '# Changes\n\n- TK\n' >CHANGELOG.md
git add -A
git commit -q -m "releases"

bad_finding='releases/bad.md:5:98: error: leftover placeholder "TK" [placeholder.text]'

# The hook repository: this checkout. try-repo clones it; with uncommitted
# changes to tracked files, pre-commit commits them in a shadow clone first,
# but a file git does not track yet is not in that clone, so a checkout
# where .pre-commit-hooks.yaml is not tracked (or that is not a git work
# tree at all) is tried through a repository holding a copy of the file.
hooks_repo=$src
if ! git -C "$src" ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1; then
  echo "note: $src/.pre-commit-hooks.yaml is not tracked by git; trying a copy of it"
  hooks_repo="$work/hooks-copy"
  mkdir "$hooks_repo"
  cp "$src/.pre-commit-hooks.yaml" "$hooks_repo/"
  git -C "$hooks_repo" init -q .
  git -C "$hooks_repo" add .pre-commit-hooks.yaml
  git -C "$hooks_repo" commit -q -m hooks
fi

echo "== try-repo on the release with an error"
run 1 "$work/bad.log" "$pre_commit" try-repo "$hooks_repo" presslint --files releases/bad.md
contains "$work/bad.log" "presslint"
contains "$work/bad.log" "Failed"
contains "$work/bad.log" "$bad_finding"
contains "$work/bad.log" "1 error, 0 warnings, 0 notes in 1 file (1 file checked)"
cat "$work/bad.log"

echo "== try-repo on the clean release"
run 0 "$work/good.log" "$pre_commit" try-repo "$hooks_repo" presslint --files releases/good.md
contains "$work/good.log" "Passed"
lacks "$work/good.log" "Failed"

echo "== try-repo on the files that are not releases: skipped"
run 0 "$work/other.log" "$pre_commit" try-repo "$hooks_repo" presslint \
  --files README.md LICENSE CHANGELOG.md
contains "$work/other.log" "(no files to check)Skipped"

echo "== try-repo on the staged files, as at commit time"
printf '<html><body><h1>Launch</h1>\n<p>Body TK.</p></body></html>\n' >releases/page.html
printf 'Still TK.\n' >>README.md
git add releases/page.html README.md
echo "draft TK" >>releases/good.md # changed but not staged: pre-commit stashes it
run 1 "$work/staged.log" "$pre_commit" try-repo "$hooks_repo" presslint
contains "$work/staged.log" 'releases/page.html:2:9: error: leftover placeholder "TK" [placeholder.text]'
lacks "$work/staged.log" "README.md"
lacks "$work/staged.log" "releases/good.md"
lacks "$work/staged.log" "releases/bad.md" # committed earlier, not staged now
git checkout -q -- releases/good.md
git reset -q
git checkout -q -- README.md
rm releases/page.html

echo "== the README's .pre-commit-config.yaml, installed as a git hook"
# The snippet between the markers in the README, pointed at a local
# repository that holds this checkout's .pre-commit-hooks.yaml.
snippet_repo="$work/hook-release"
mkdir "$snippet_repo"
cp "$src/.pre-commit-hooks.yaml" "$snippet_repo/"
git -C "$snippet_repo" init -q .
git -C "$snippet_repo" add .pre-commit-hooks.yaml
git -C "$snippet_repo" commit -q -m hooks
rev=$(git -C "$snippet_repo" rev-parse HEAD)
sed -n '/<!-- pre-commit-config:begin -->/,/<!-- pre-commit-config:end -->/p' "$src/README.md" \
  | sed -n '/^```yaml$/,/^```$/p' | sed '1d;$d' >"$work/snippet.yaml"
grep -q 'id: presslint' "$work/snippet.yaml" || fail "no pre-commit config snippet in README.md"
grep -q 'repo: https://github.com/presslint/presslint' "$work/snippet.yaml" \
  || fail "the README snippet does not name the project's repository"
sed -e "s#repo: https://github.com/presslint/presslint#repo: $snippet_repo#" \
    -e "s#rev: .*#rev: $rev#" "$work/snippet.yaml" >.pre-commit-config.yaml
cat .pre-commit-config.yaml
git add .pre-commit-config.yaml
git commit -q -m "pre-commit config"
run 0 "$work/install.log" "$pre_commit" install
[ -x .git/hooks/pre-commit ] || fail "pre-commit install wrote no git hook"

cp releases/good.md releases/second.md
sed -i 's/Acme runs two other plants/Acme runs TK other plants/' releases/second.md
git add releases/second.md
run 1 "$work/commit-bad.log" git commit -m "a release with a placeholder"
contains "$work/commit-bad.log" 'releases/second.md:'
contains "$work/commit-bad.log" '[placeholder.text]'
[ "$(git log --format=%s -1)" = "pre-commit config" ] || fail "the commit went through"

sed -i 's/Acme runs TK other plants/Acme runs two other plants/' releases/second.md
git add releases/second.md
run 0 "$work/commit-good.log" git commit -m "a clean release"
contains "$work/commit-good.log" "Passed"
[ "$(git log --format=%s -1)" = "a clean release" ] || fail "the clean commit did not go through"

echo "pre-commit: all checks passed"
