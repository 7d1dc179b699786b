# Sourced by ./minitorch and .ci/run: find_jdk25 prints the path of a `java` from a JDK 25 or newer, or
# fails. It looks where the maven-toolchains-plugin looks: $JAVA_HOME, $JAVA<n>_HOME, /usr/lib/jvm and
# the usual install folders, then `java` on the PATH.

# The feature version (25 for 25.0.1) of the JDK whose java binary is $1, from its release file when
# there is one (no JVM start), else by asking it.
jdk_feature() {
  local bin="$1" home version
  home="$(dirname "$(dirname "$(readlink -f "$bin")")")"
  if [[ -f "$home/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n 1)"
  fi
  if [[ -z "${version:-}" ]]; then
    version="$("$bin" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)"
  fi
  echo "${version:-0}"
}

is_jdk25() {
  local v
  [[ -x "$1" && -x "$(dirname "$1")/javac" ]] || return 1
  v="$(jdk_feature "$1")"
  [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 25 ))
}

find_jdk25() {
  local candidate var
  local homes=()
  [[ -n "${JAVA_HOME:-}" ]] && homes+=("$JAVA_HOME")
  for var in $(compgen -v | grep -E '^JAVA[0-9]+_HOME$' | sort -t A -k 2 -r); do
    homes+=("${!var}")
  done
  homes+=(/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*
          /Library/Java/JavaVirtualMachines/*/Contents/Home)
  for candidate in "${homes[@]}"; do
    if is_jdk25 "$candidate/bin/java"; then
      echo "$candidate/bin/java"
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1 && is_jdk25 "$(command -v java)"; then
    command -v java
    return 0
  fi
  return 1
}

NO_JDK25_MESSAGE="MiniTorch needs a JDK 25 or newer, and none was found (looked at \$JAVA_HOME, \$JAVA<n>_HOME, /usr/lib/jvm, the usual install folders and the PATH); install one, e.g. Temurin 25, or point JAVA_HOME at it."
