# Sourced by the benchmark scripts: the production launch the README documents, and the step that
# writes its class-data-sharing (AppCDS) archive for the jar as built.
jar=app/target/userbase.jar
cds_archive=app/target/userbase.jsa
JAVA_OPTS=${JAVA_OPTS-"-XX:SharedArchiveFile=$cds_archive -XX:+UseSerialGC -Xmx256m"}

# Starts the jar once with -XX:ArchiveClassesAtExit, serves one request, stops it: the archive
# then holds every class a start and a request load. $1 = a free port.
write_cds_archive() {
  local work pid
  work=$(mktemp -d)
  USERBASE_SQLITE_PATH="$work/userbase.db" MICRONAUT_SERVER_PORT="$1" \
    "${JAVA:-java}" -XX:ArchiveClassesAtExit="$cds_archive" -jar "$jar" > "$work/app.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -X POST "http://127.0.0.1:$1/users?name=Alice"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; return 1; }
    sleep 0.05
  done
  curl -sf -o /dev/null "http://127.0.0.1:$1/users/1"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
