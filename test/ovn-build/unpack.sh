#!/usr/bin/env bash
# Unpacks the OVN source tarball and the OVS tarball its `ovs` submodule pins (see
# ../shared/sources/README.md) as a checkout with its submodule would be: OVN into DEST, OVS into
# DEST/ovs. A git archive has no .git, so each tree keeps the commit it was made from (its tar
# header's comment) in .git-archive-commit, where lab looks for it.
#
#   test/ovn-build/unpack.sh SOURCES DEST
#
# Used by build.sh (the build tree), the source-image test and the own-labs workflow runner (OVN's
# checkout).
set -euo pipefail
sources=$1 dest=$2
[ -f "$sources/SHA256SUMS" ] || { echo "unpack.sh: no SHA256SUMS in $sources" >&2; exit 2; }
ovn_tarball="$(awk '$2 ~ /^ovn-[0-9].*\.tar\.gz$/ { print $2 }' "$sources/SHA256SUMS")"
ovs_tarball="$(awk '$2 ~ /^ovs-.*\.tar\.gz$/ { print $2 }' "$sources/SHA256SUMS")"
[ -n "$ovn_tarball" ] && [ -n "$ovs_tarball" ] || { echo "unpack.sh: SHA256SUMS names no ovn-*.tar.gz and ovs-*.tar.gz" >&2; exit 2; }
mkdir -p "$dest/ovs"
tar -xzf "$sources/$ovn_tarball" -C "$dest" --strip-components=1
tar -xzf "$sources/$ovs_tarball" -C "$dest/ovs" --strip-components=1
keep_commit() { # keep_commit TARBALL DIR; git reads the first header and stops, so gzip may end on SIGPIPE.
  local commit
  commit=$( (gzip -dc "$1" 2>/dev/null || true) | git get-tar-commit-id 2>/dev/null || true)
  if [[ $commit =~ ^[0-9a-f]{40}$ ]]; then echo "$commit" >"$2/.git-archive-commit"; fi
}
keep_commit "$sources/$ovn_tarball" "$dest"
keep_commit "$sources/$ovs_tarball" "$dest/ovs"
