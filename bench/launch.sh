# Sourced by the benchmark scripts: the production launch the docs describe (bin/userbase,
# with its defaults unless JAVA_OPTS is set), and the start that trains its archive for the jar
# as built.
jar=app/target/userbase.jar

# Starts bin/userbase once, serves a create and a read, stops it: the launcher writes its archive
# (the AOT cache on JDK 25 and later, AppCDS before) when that first server after a build stops.
# $1 = a free port.
train_launcher() {
  local work pid
  work=$(mktemp -d)
  USERBASE_SQLITE_PATH="$work/userbase.db" MICRONAUT_SERVER_PORT="$1" \
    bin/userbase > "$work/app.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -X POST "http://127.0.0.1:$1/users?name=Alice"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; return 1; }
    sleep 0.05
  done
  curl -sf -o /dev/null "http://127.0.0.1:$1/users/1"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
