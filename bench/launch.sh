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

# The CPU time (in clock ticks) that the JVM $1's JIT compiler threads have used, one line per
# thread: "tid ticks". Compiler threads come and go, so two readings are compared thread by thread.
jit_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*)
        echo "${t##*/} $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')" ;;
    esac
  done
}

# Runs "$2 5s" (a load of 5 s) again and again until the JVM $1 is warm: its JIT used under a
# tenth of a core in the last 5 s, after at least 15 s and at most 120 s. A fixed warm-up is not
# enough where requests are slow (a write on a server store: C2 still took a third of a core after
# 15 s), and a side with more code to compile would be measured colder than the other. Prints the
# seconds it took.
warm_until_jit_settles() {
  local pid=$1 load=$2 waited=0 before used hz
  hz=$(getconf CLK_TCK)
  while :; do
    before=$(jit_ticks "$pid")
    $load 5s > /dev/null
    waited=$((waited + 5))
    used=$(awk 'NR == FNR {was[$1] = $2; next} {sum += $2 - ($1 in was ? was[$1] : 0)}
      END {print sum + 0}' <(echo "$before") <(jit_ticks "$pid"))
    if { [ "$waited" -ge 15 ] && [ "$used" -lt $((hz / 2)) ]; } || [ "$waited" -ge 120 ]; then
      echo "$waited"
      return
    fi
  done
}
