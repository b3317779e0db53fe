# Shared steps of dev/up and dev/test: a Frappe v15 + ERPNext v15 bench, outside the checkout, reused when present.
# Sourced, not run. Every step prints what it does; a failing step says what failed and how to fix it.
# Settings (environment): BENCH_DIR, BENCH_USER, DB_ROOT_PASSWORD, ADMIN_PASSWORD, FRAPPE_BRANCH.
set -euo pipefail

APP=ownership_policies
CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
ERPNEXT_URL=${ERPNEXT_URL:-https://github.com/frappe/erpnext}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-ownership-dev}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}

if [ "$(id -u)" = 0 ]; then
	BENCH_USER=${BENCH_USER:-frappe}
	BENCH_HOME=$(getent passwd "$BENCH_USER" | cut -d: -f6 || true)
	BENCH_HOME=${BENCH_HOME:-/home/$BENCH_USER}
else
	BENCH_USER=$(id -un)
	BENCH_HOME=$HOME
fi
BENCH_DIR=${BENCH_DIR:-$BENCH_HOME/frappe-bench}
TOOLS_DIR=${TOOLS_DIR:-$(dirname "$BENCH_DIR")/bench-tools}
# Tool versions are pinned so that a new release cannot change what CI checks.
BENCH_TOOLS=("frappe-bench==5.31.1" "uv==0.13.9" "ruff==0.17.6")
TEST_TOOLS=("pytest==9.2.0" "selenium==4.51.0")  # selenium drives Debian's chromium in the browser tests
SYSTEM_PATH=$TOOLS_DIR/bin:$TOOLS_DIR/node/node_modules/.bin:/usr/local/bin:/usr/bin:/bin

step_no=0
step() { step_no=$((step_no + 1)); printf '\n==> [%d] %s\n' "$step_no" "$*"; }
fail() { printf '\n!! %s\n' "$1" >&2; [ -n "${2:-}" ] && printf '   how to fix: %s\n' "$2" >&2; exit 1; }

# as_root CMD...: run with root rights (directly, or through sudo for a normal user).
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else fail "'$*' needs root rights" "run this script as root, or install sudo"; fi
}

# as_bench CMD...: run as the bench user with the environment bench needs (a login shell would drop it),
# from the bench user's home: the caller's directory (e.g. a CI clone) may be closed to that user.
as_bench() {
	local env=(-C "$BENCH_HOME" HOME="$BENCH_HOME" PATH="$SYSTEM_PATH" UV_NATIVE_TLS=1 LANG=C.UTF-8 CI="${CI:-}")
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$BENCH_USER" -- env "${env[@]}" "$@"
	else
		env "${env[@]}" "$@"
	fi
}

bench_cmd() { as_bench bash -c 'cd "$0" && bench "$@"' "$BENCH_DIR" "$@"; }

install_system_packages() {
	step "Debian packages (MariaDB, Redis, Python headers, git, rsync, wkhtmltopdf, chromium)"
	local wanted=(mariadb-server mariadb-client redis-server python3-venv python3-dev libmariadb-dev pkg-config
		git curl rsync nodejs npm wkhtmltopdf chromium chromium-driver)
	local missing=()
	for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
	# nodejs/npm may come from elsewhere than Debian (e.g. a preinstalled Node 20): accept any node >= 18.
	if command -v node >/dev/null && command -v npm >/dev/null; then
		missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
	fi
	read -ra missing <<<"${missing[*]}"
	if [ ${#missing[@]} -eq 0 ]; then echo "all present"; return; fi
	echo "installing: ${missing[*]}"
	as_root apt-get update -qq || fail "apt-get update failed" "check the network access to Debian's mirrors"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
		|| fail "apt-get install ${missing[*]} failed" "run it by hand to see the error"
}

start_services() {
	step "MariaDB (utf8mb4) and Redis on 127.0.0.1"
	local conf=/etc/mysql/mariadb.conf.d/99-frappe.cnf
	if [ ! -f "$conf" ]; then
		as_root mariadb-admin ping --silent >/dev/null 2>&1 \
			&& echo "note: MariaDB is already running; restart it to apply $conf (utf8mb4)"
		as_root tee "$conf" >/dev/null <<-EOF
			[mysqld]
			character-set-server = utf8mb4
			collation-server = utf8mb4_unicode_ci
			character-set-client-handshake = FALSE
			bind-address = 127.0.0.1
			[mysql]
			default-character-set = utf8mb4
		EOF
	fi
	if ! mariadb-admin ping --silent >/dev/null 2>&1 && ! as_root mariadb-admin ping --silent >/dev/null 2>&1; then
		as_root mkdir -p /run/mysqld
		as_root chown mysql /run/mysqld
		as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
		for _ in $(seq 60); do as_root mariadb-admin ping --silent >/dev/null 2>&1 && break; sleep 1; done
		as_root mariadb-admin ping --silent >/dev/null 2>&1 || fail "MariaDB did not start" "see /var/log/mysql or run /usr/sbin/mariadbd --user=mysql by hand"
	fi
	echo "MariaDB is up"
	# bench new-site needs an account that can create databases: root, with a password (socket login kept).
	if ! mariadb -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e 'select 1' >/dev/null 2>&1; then
		as_root mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('${DB_ROOT_PASSWORD//\'/\'\'}') OR unix_socket; FLUSH PRIVILEGES;" \
			|| fail "cannot set MariaDB's root password" "set DB_ROOT_PASSWORD to the root password your MariaDB already has"
	fi
	if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
		for _ in $(seq 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
		redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || fail "Redis did not start" "run redis-server --port 6379 by hand to see why"
	fi
	echo "Redis is up"
}

ensure_bench_user() {
	[ "$(id -u)" = 0 ] || return 0
	step "unprivileged bench user '$BENCH_USER' (bench refuses to run as root)"
	id "$BENCH_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$BENCH_USER"
	mkdir -p "$BENCH_HOME" && chown "$BENCH_USER" "$BENCH_HOME"
	echo "ok ($BENCH_HOME)"
}

bench_tools_installed() {  # every pinned tool, at its version
	local installed
	installed=$(as_bench "$TOOLS_DIR/bin/pip" freeze 2>/dev/null) || return 1
	for pin in "${BENCH_TOOLS[@]}"; do grep -qixF "$pin" <<<"$installed" || return 1; done
}

install_bench_tools() {
	step "frappe-bench, uv, ruff and yarn 1 in $TOOLS_DIR"
	if ! as_bench mkdir -p "$TOOLS_DIR" 2>/dev/null; then
		as_root mkdir -p "$TOOLS_DIR"
		as_root chown "$BENCH_USER" "$TOOLS_DIR"
	fi
	if ! bench_tools_installed; then
		as_bench /usr/bin/python3 -m venv "$TOOLS_DIR"
		as_bench "$TOOLS_DIR/bin/pip" install -q "${BENCH_TOOLS[@]}" \
			|| fail "pip install ${BENCH_TOOLS[*]} failed" "check access to PyPI"
	fi
	if [ ! -x "$TOOLS_DIR/node/node_modules/.bin/yarn" ]; then
		as_bench npm install --silent --prefix "$TOOLS_DIR/node" yarn@1 >/dev/null \
			|| fail "npm install yarn@1 failed" "check access to the npm registry"
	fi
	echo "bench $(as_bench bench --version 2>/dev/null), yarn $(as_bench yarn --version), $(as_bench uv --version)"
}

ensure_bench() {
	step "bench with Frappe $FRAPPE_BRANCH at $BENCH_DIR"
	if ! as_bench test -x "$BENCH_DIR/env/bin/python" || ! as_bench "$BENCH_DIR/env/bin/python" -c "import frappe" 2>/dev/null; then
		[ -e "$BENCH_DIR" ] && fail "$BENCH_DIR exists but is not a complete bench (an interrupted bench init?)" "remove it (rm -rf $BENCH_DIR) and run again"
		as_bench bash -c 'cd "$(dirname "$0")" && bench init --frappe-branch "$1" --python /usr/bin/python3 \
			--skip-redis-config-generation --no-backups "$(basename "$0")"' "$BENCH_DIR" "$FRAPPE_BRANCH" \
			|| fail "bench init failed" "on a machine without GitHub run ../shared/offline-sources/prepare first; otherwise read the error above"
		# the newest setuptools lacks pkg_resources, which ERPNext's install still imports
		as_bench uv pip install -q --python "$BENCH_DIR/env/bin/python" "setuptools<80"
	fi
	for key in redis_cache redis_queue redis_socketio; do
		bench_cmd set-config -g "$key" redis://127.0.0.1:6379 >/dev/null
	done
	if ! as_bench "$BENCH_DIR/env/bin/python" -c "import erpnext" 2>/dev/null; then
		[ -e "$BENCH_DIR/apps/erpnext" ] && as_bench rm -rf "$BENCH_DIR/apps/erpnext"  # an interrupted get-app
		bench_cmd get-app --branch "$FRAPPE_BRANCH" "$ERPNEXT_URL" \
			|| fail "bench get-app erpnext failed" "check access to $ERPNEXT_URL (or run ../shared/offline-sources/prepare)"
	fi
	echo "frappe $(cat "$BENCH_DIR/apps/frappe/frappe/__init__.py" | grep -oP '__version__ = "\K[^"]+'), erpnext present"
}

# link_app: put this checkout into the bench (a link when the bench user can read it, else a copy) and pip-install it.
link_app() {
	local mode=${1:-link} target=$BENCH_DIR/apps/$APP
	if [ "$mode" = link ] && ! as_bench test -r "$CHECKOUT/pyproject.toml"; then
		echo "note: $BENCH_USER cannot read $CHECKOUT, so the checkout is copied: edits are not live (run again to copy them)"
		mode=copy
	fi
	step "this checkout into the bench ($mode)"
	if [ "$mode" = link ]; then
		if [ "$(readlink -f "$target")" != "$CHECKOUT" ]; then
			as_bench rm -rf "$target"
			as_bench ln -s "$CHECKOUT" "$target"
		fi
	else
		[ -L "$target" ] && as_bench rm "$target"
		as_bench mkdir -p "$target"
		rsync -a --delete --exclude .git --exclude __pycache__ --exclude '*.egg-info' "$CHECKOUT/" "$target/"
		[ "$(id -u)" = 0 ] && chown -R "$BENCH_USER" "$target"
	fi
	as_bench uv pip install -q --python "$BENCH_DIR/env/bin/python" -e "$target" "${TEST_TOOLS[@]}" \
		|| fail "installing $APP into the bench env failed" "read the error above"
	grep -qx "$APP" "$BENCH_DIR/sites/apps.txt" || as_bench bash -c 'printf "\n%s\n" "$1" >> "$0" && sed -i "/^$/d" "$0"' "$BENCH_DIR/sites/apps.txt" "$APP"
	# the desk loads /assets/$APP/js/ownership.js (app_include_js): as `bench build` links it, with no build step
	as_bench mkdir -p "$BENCH_DIR/sites/assets"
	as_bench ln -sfn "$target/$APP/public" "$BENCH_DIR/sites/assets/$APP"
	echo "ok ($target)"
}

# ensure_site SITE: create (or reuse) a site with ERPNext and this app, migrated to the current code.
ensure_site() {
	local site=$1
	step "site $site with ERPNext and $APP"
	if [ ! -f "$BENCH_DIR/sites/$site/site_config.json" ]; then
		bench_cmd new-site "$site" --db-root-password "$DB_ROOT_PASSWORD" --admin-password "$ADMIN_PASSWORD" \
			--install-app erpnext || fail "bench new-site $site failed" "drop the half-made site: bench drop-site $site --force, then run again"
	fi
	local apps  # what the installer itself goes by (list-apps reads another record, which can disagree)
	apps=$(bench_cmd --site "$site" execute frappe.get_installed_apps 2>/dev/null || true)
	if ! grep -q "\"$APP\"" <<<"$apps"; then
		# --force: also completes an install that an earlier run left half done (module records already there)
		bench_cmd --site "$site" install-app "$APP" --force || fail "install-app $APP on $site failed" "read the traceback above"
	else
		bench_cmd --site "$site" migrate --skip-search-index >/dev/null || fail "bench migrate on $site failed" "read the traceback above"
	fi
	# wkhtmltopdf fetches the site's own assets when it prints a PDF: the site's name must resolve here
	grep -qw "$site" /etc/hosts || as_root sh -c "echo '127.0.0.1 $site' >>/etc/hosts"
	echo "ok"
}

setup_bench() {
	install_system_packages
	start_services
	ensure_bench_user
	install_bench_tools
	ensure_bench
}

# run_in_background NAME ARGS...: a Frappe process from sites/, started once, logging to logs/NAME.log.
# A web server runs without Werkzeug's debugger (Frappe's serve drops it when CI is set): the debugger would
# show the traceback of any crash, with a console, to whoever sent the request, a partner included (X-6).
run_in_background() {
	local name=$1 no_debugger=()
	shift
	pgrep -u "$BENCH_USER" -f "bench_helper frappe $*" >/dev/null && return
	[[ " $* " == *" serve "* ]] && no_debugger=(CI=1)
	as_bench env "${no_debugger[@]}" bash -c 'cd "$0/sites" || exit 1
		nohup ../env/bin/python -m frappe.utils.bench_helper frappe "${@:2}" >"../logs/$1.log" 2>&1 </dev/null &' \
		"$BENCH_DIR" "$name" "$@"
}

# desk_answers [TRIES]: the bench's web server answers on $PORT (waiting up to TRIES seconds).
desk_answers() {
	local tries=${1:-1}
	for _ in $(seq "$tries"); do
		curl -fsS --max-time 3 -o /dev/null "http://127.0.0.1:${PORT:-8000}/api/method/ping" 2>/dev/null && return
		[ "$tries" -gt 1 ] && sleep 1
	done
	return 1
}

# compile_translations SITE: the app's locale/*.po into the .mo files Frappe reads, then a fresh cache.
compile_translations() {
	step "translations (fr, es, ru)"
	bench_cmd compile-po-to-mo --app "$APP" --force >/dev/null || fail "compiling translations failed" "check locale/*.po"
	bench_cmd --site "$1" clear-cache >/dev/null
	echo ok
}
