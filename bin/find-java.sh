# Sourced by ./gatehouse and ./mvnw: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, then the java on PATH, then the newest under /usr/lib/jvm.
java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
is_jdk21() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && v=$(java_feature "$1") && [ "${v%%.*}" -ge 21 ] 2>/dev/null; }
find_java() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if is_jdk21 "$candidate"; then JAVA_HOME=$candidate; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    if is_jdk21 "$candidate"; then JAVA_HOME=$candidate; return 0; fi
  done
  echo "gatehouse: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)" >&2
  exit 1
}
find_java
