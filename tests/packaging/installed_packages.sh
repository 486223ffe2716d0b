#!/usr/bin/env bash
# `make package-check` (CI, as root): installs the Debian packages `make package` built with
# apt-get as a user would, checks what they installed, serves and subscribes with the installed
# server, then removes them and checks that nothing of them is left.
#   tests/packaging/installed_packages.sh build/packages
set -euo pipefail
packages=$(realpath "${1:?usage: installed_packages.sh PACKAGES_DIR}")
here=$(dirname "$(realpath "$0")")
step() { printf '== %s\n' "$*"; }
fail() { printf 'installed_packages: %s\n' "$*" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

shopt -s nullglob
debs=("$packages"/subscope_*.deb "$packages"/subscope-server_*.deb)
((${#debs[@]} == 2)) || fail "expected subscope_*.deb and subscope-server_*.deb in $packages"

# A machine where an earlier run left them installed starts from none.
for p in subscope subscope-server; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
        apt-get purge -y -qq "$p" >/dev/null
    fi
done

step "apt-get install ${debs[*]##*/}"
apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
for p in subscope subscope-server; do
    dpkg-query -W -f='${Status}\n' "$p" | grep -q 'install ok installed' || fail "$p is not installed"
done
dpkg -L subscope subscope-server | sort -u > /tmp/subscope-package-files.$$
trap 'rm -f /tmp/subscope-package-files.$$' EXIT

step "versions"
version=$(dpkg-query -W -f='${Version}' subscope-server)
# Printed from a variable: tee /dev/stderr would reopen a log file that stderr goes to, and truncate it.
said=$(subscope-server --version)
printf '%s\n' "$said"
grep -qx "subscope-server ${version%-*} (Qt .*)" <<<"$said" ||
    fail "subscope-server --version does not say ${version%-*}"
subscope --version | grep -qx "subscope ${version%-*} (Qt .*)" || fail "subscope --version"
[[ $(command -v subscope-server) == /usr/bin/subscope-server ]] || fail "subscope-server is not /usr/bin/subscope-server"

step "the server package needs no GUI library"
if dpkg-query -W -f='${Depends}' subscope-server | grep -Eq 'libqt6(gui|widgets)'; then
    fail "subscope-server depends on Qt Gui or Widgets"
fi
if ldd /usr/bin/subscope-server | grep -Eq 'libQt6(Gui|Widgets)'; then
    fail "/usr/bin/subscope-server loads Qt Gui or Widgets"
fi

step "the installed systemd unit, manual and configuration"
systemd-analyze verify --man=no /usr/lib/systemd/system/subscope-server.service
for page in subscope subscope-server; do
    zcat "/usr/share/man/man1/$page.1.gz" | grep -q '^\.TH SUBSCOPE 1' || fail "no manual page $page(1)"
done
[[ $(stat -c %a /etc/subscope/server.conf) == 600 ]] || fail "/etc/subscope/server.conf is not 0600"
dpkg-query --control-show subscope-server conffiles | grep -qx /etc/subscope/server.conf ||
    fail "/etc/subscope/server.conf is not a conffile"

step "serve, subscribe with graphql-ws, fire one event"
node "$here/installed_server.mjs" /usr/bin/subscope-server

step "apt-get purge subscope subscope-server"
apt-get purge -y -qq subscope subscope-server >/dev/null
for p in subscope subscope-server; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then fail "$p is still installed"; fi
done
left=()
while read -r file; do
    [[ -f $file || -L $file ]] && left+=("$file")
done < /tmp/subscope-package-files.$$
((${#left[@]} == 0)) || fail "left behind: ${left[*]}"
[[ ! -e /etc/subscope ]] || fail "/etc/subscope is left behind"
step "installed, served and removed cleanly"
