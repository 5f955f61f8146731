#!/bin/bash
# host_mirror: prints the Debian archive URIs of the host's own apt sources (first one
# first), so scripts that fetch packages with a private apt configuration use the mirror
# the host already uses. Sourced by scripts/sysemu-assets.sh and
# tests/integration/fetch-trixie-deb.sh; defines the function and runs nothing.

# The first Debian archive URI of the host's apt sources that is not a security mirror,
# from one-line (sources.list, *.list) or deb822 (*.sources) files.
host_mirror() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		awk '$1 == "deb" {
			i = 2
			if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
			if ($(i + 1) !~ /-security$/ && $(i + 1) !~ /\/updates$/) { print $i; exit }
		}' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk 'BEGIN { RS = ""; FS = "\n" }
		{
			uri = ""; suites = ""; types = ""; enabled = "yes"
			for (i = 1; i <= NF; i++) {
				if ($i ~ /^[Uu][Rr][Ii][Ss]:/) { uri = $i; sub(/^[^:]*:[ \t]*/, "", uri); split(uri, u, /[ \t]+/); uri = u[1] }
				if ($i ~ /^[Ss]uites:/) suites = $i
				if ($i ~ /^[Tt]ypes:/) types = $i
				if ($i ~ /^[Ee]nabled:[ \t]*no/) enabled = "no"
			}
			if (uri != "" && enabled == "yes" && types ~ /(^|[ \t:])deb([ \t]|$)/ && suites !~ /-security/) { print uri; exit }
		}' "$f"
	done
}
