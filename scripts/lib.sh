# Shared by ./pushmon-local and ./pushmon-bench (sourced, not run): the Java check and the build-if-stale step.
# Expects: $root (the repository), a fail() function.

require_java17() {
  command -v java >/dev/null || fail "java not found: install a JDK 17 or newer"
  local major
  major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  [ "${major:-0}" -ge 17 ] || fail "Java 17 or newer is needed, found Java ${major:-unknown} ($(command -v java))"
}

# build_if_stale NAME FILE...: runs `./mvnw install -DskipTests` when one of the FILEs is missing or a source,
# pom or properties file changed since NAME's last build. The log goes to target/NAME-build.log.
build_if_stale() {
  local name=$1; shift
  local stamp=$root/target/$name.stamp needs_build=false file
  [ -f "$stamp" ] || needs_build=true
  for file in "$@"; do
    [ -f "$file" ] || needs_build=true
  done
  if ! $needs_build && [ -n "$(find . \( -path ./.pushmon -o -path ./.git -o -path ./bench-results -o -path '*/target' \) -prune \
        -o -type f \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$stamp" -print -quit)" ]; then
    needs_build=true
  fi
  if $needs_build; then
    echo "$name: building (./mvnw install -DskipTests; the first build downloads dependencies)..."
    mkdir -p "$root/target"
    if ! ./mvnw -B -q install -DskipTests > "$root/target/$name-build.log" 2>&1; then
      tail -n 40 "$root/target/$name-build.log" >&2
      fail "the build failed; full log: target/$name-build.log"
    fi
    touch "$stamp"
  fi
}
