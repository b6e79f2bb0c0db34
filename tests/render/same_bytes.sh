#!/usr/bin/env bash
# Draws one view twice in two processes and requires identical SVG bytes.
# Usage: same_bytes.sh COLLABNET NETWORK VIEW OUT_PREFIX
set -euo pipefail
exe=$1 network=$2 view=$3 out=$4
"$exe" render "$network" --view "$view" --threads 1 -o "$out-1.svg" 2>/dev/null
"$exe" render "$network" --view "$view" --threads 1 -o "$out-2.svg" 2>/dev/null
cmp "$out-1.svg" "$out-2.svg"
