#!/usr/bin/env bash
# Makes the `mpi` transport buildable (mvn -Pmpi): installs Debian's Open MPI when it is missing,
# then builds Open MPI's Java bindings (mpi.jar) from the Java sources of Debian's own `openmpi`
# source package, so the classes match the installed libmpi_java.so exactly, and installs the jar
# into the local Maven repository as org.open-mpi:mpi:<upstream version>.
#
# Why build it: Debian ships libmpi_java.so but no mpi.jar, and Maven Central has no maintained
# one. Open MPI is BSD-3-Clause; its LICENSE travels inside the jar (META-INF/LICENSE-openmpi).
#
#   bash ci/mpi-setup.sh            install what is missing; print the Maven coordinates
#   bash ci/mpi-setup.sh --check    exit 0 when mpi.jar is installed and mpirun runs, else 1
#
# Exit status 3 means the machine cannot have MPI here (not root and Open MPI is missing, or the
# Debian archive is unreachable); the reason is printed on one line.
set -euo pipefail

m2="${MAVEN_REPO:-$HOME/.m2/repository}"
libdir=/usr/lib/x86_64-linux-gnu
work="${GOSSIPBENCH_MPI_WORK:-${TMPDIR:-/tmp}/gossipbench-mpi-build}"

say() { echo "mpi-setup: $*"; }
cannot() {
  echo "mpi-setup: cannot set up MPI: $*" >&2
  exit 3
}

have_openmpi() {
  command -v mpirun >/dev/null 2>&1 && ls "$libdir"/libmpi_java.so* >/dev/null 2>&1
}

upstream_version() {
  # 4.1.4-3+b1 -> 4.1.4 (the jar is named for Open MPI's release, the source is Debian's)
  dpkg-query -W -f='${source:Upstream-Version}' libopenmpi-dev 2>/dev/null
}

jar_path() {
  local v
  v="$(upstream_version)"
  echo "$m2/org/open-mpi/mpi/$v/mpi-$v.jar"
}

if [ "${1:-}" = "--check" ]; then
  have_openmpi && [ -n "$(upstream_version)" ] && [ -f "$(jar_path)" ] && exit 0
  exit 1
fi

if ! have_openmpi; then
  [ "$(id -u)" = 0 ] || cannot "Open MPI is not installed and installing it needs root (apt-get install openmpi-bin libopenmpi-dev)"
  say "installing openmpi-bin libopenmpi-dev"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q openmpi-bin libopenmpi-dev >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q openmpi-bin libopenmpi-dev >/dev/null 2>&1; } ||
    cannot "apt-get install openmpi-bin libopenmpi-dev failed"
  have_openmpi || cannot "Open MPI installed but $libdir/libmpi_java.so is missing"
fi

version="$(upstream_version)"
source_version="$(dpkg-query -W -f='${source:Version}' libopenmpi-dev)"
jar="$(jar_path)"
if [ -f "$jar" ]; then
  say "org.open-mpi:mpi:$version already installed ($jar)"
  exit 0
fi

rm -rf "$work"
mkdir -p "$work/lists/partial" "$work/src" "$work/classes/META-INF"
# A private deb-src list: the machine's own apt sources stay untouched.
codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
cat >"$work/src.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
apt_opts=(-q -o "Dir::Etc::sourcelist=$work/src.sources" -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$work/lists")
say "fetching Debian source package openmpi $source_version"
apt-get "${apt_opts[@]}" update >"$work/apt.log" 2>&1 || cannot "apt-get update of the deb-src list failed (see $work/apt.log)"
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only "openmpi=$source_version" >>"$work/apt.log" 2>&1) ||
  cannot "apt-get source openmpi=$source_version failed (see $work/apt.log)"

orig="$(ls "$work"/src/openmpi_*.orig.tar.* | head -1)"
tar -xf "$orig" -C "$work/src" --wildcards '*/ompi/mpi/java/java/*.java' '*/LICENSE'
top="$(ls -d "$work"/src/openmpi-*/ | head -1)"
javac -nowarn -encoding UTF-8 --release 11 -d "$work/classes" "$top"ompi/mpi/java/java/*.java
cp "$top/LICENSE" "$work/classes/META-INF/LICENSE-openmpi"
(cd "$work/classes" && jar --create --file "$work/mpi-$version.jar" .)
say "built mpi-$version.jar ($(du -k "$work/mpi-$version.jar" | cut -f1) KB) from openmpi $source_version"

# Run outside the project, so its build (enforcer, profiles) plays no part; the plugin version is the
# one the parent pom pins.
(cd "$work" && mvn -B -q org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file -Dfile="$work/mpi-$version.jar" -DgroupId=org.open-mpi \
  -DartifactId=mpi -Dversion="$version" -Dpackaging=jar -DgeneratePom=true)
say "installed org.open-mpi:mpi:$version into $m2"
