# Sourced by ./gatehouse and ./mvnw: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, then the java on PATH, then the newest JDK under /usr/lib/jvm.
java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
is_jdk21() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && v=$(java_feature "$1") && [ "${v%%.*}" -ge 21 ] 2>/dev/null; }
find_java() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if is_jdk21 "$candidate"; then JAVA_HOME=$candidate; return 0; fi
  fi
  # By feature version, not by name: temurin-21 must not win over java-25-openjdk.
  best= best_version=0
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    is_jdk21 "$candidate" || continue
    version=$(java_feature "$candidate")
    version=${version%%.*}
    if [ "$version" -gt "$best_version" ]; then best=$candidate best_version=$version; fi
  done
  if [ -n "$best" ]; then JAVA_HOME=$best; return 0; fi
  echo "gatehouse: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one, e.g. apt-get install openjdk-21-jdk-headless" >&2
  exit 1
}
find_java
