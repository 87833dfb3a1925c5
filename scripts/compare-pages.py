#!/usr/bin/env python3
# Behaviour check for a refactoring: runs two camlo binaries (`demo`, fresh data each) side by
# side and compares the public pages (anonymous) and, for every demo role, the menu and footer
# of a page, after normalising tokens, idle counters, HTML escapes of "/" and whitespace
# between tags. Usage: scripts/compare-pages.py BEFORE_BINARY AFTER_BINARY (differences are
# written to /tmp/cmp/diffN.{a,b}; demo times seeded from "now" may differ by a minute).
import sys, re, json, subprocess, time, urllib.request, urllib.parse, http.cookiejar, os, shutil
def start(binary, port, data):
    shutil.rmtree(data, ignore_errors=True)
    p = subprocess.Popen([binary, 'demo', '--data', data, '--listen', f'127.0.0.1:{port}'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, 'CAMLO_LOG': 'warn'})
    for _ in range(600):
        try:
            urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=1); return p
        except Exception: time.sleep(0.5)
    raise SystemExit('no start')
def opener():
    cj = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cj))
def get(o, url):
    try: r = o.open(url, timeout=30); return r.status, r.read().decode()
    except urllib.error.HTTPError as e: return e.code, e.read().decode()
def login(o, base, user, pw):
    st, html = get(o, base + '/login')
    tok = re.search(r'name="_csrf" value="([^"]+)"', html)
    data = {'username': user, 'password': pw}
    if tok: data['_csrf'] = tok.group(1)
    req = urllib.request.Request(base + '/login', data=urllib.parse.urlencode(data).encode(), headers={'Origin': base})
    try: o.open(req, timeout=30)
    except urllib.error.HTTPError as e: print('login', user, e.code)
def norm(html):
    html = re.sub(r'[0-9a-f]{32,}', 'TOKEN', html)
    html = re.sub(r'data-idle-remaining="\d+"', '', html)
    html = html.replace('&#x2f;', '/')
    html = re.sub(r'>\s+<', '><', html)
    return html
pages = ['/', '/thu-tuc', '/van-ban', '/tin-tuc', '/gioi-thieu', '/co-cau-to-chuc', '/lien-he', '/hoi-dap', '/login', '/register', '/calendar', '/tra-cuu', '/phan-anh', '/tim-kiem?q=cai+cach', '/rss', '/sitemap.xml']
a, b = sys.argv[1], sys.argv[2]
os.makedirs('/tmp/cmp', exist_ok=True)
pa = start(a, 18101, '/tmp/cmp/a'); pb = start(b, 18102, '/tmp/cmp/b')
accounts = json.load(open('/tmp/cmp/a/demo-accounts.json'))
pw = {x['username']: x['password'] for x in accounts} if isinstance(accounts, list) else accounts
diffs = 0
for path in pages:
    sa, ha = get(opener(), 'http://127.0.0.1:18101' + path)
    sb, hb = get(opener(), 'http://127.0.0.1:18102' + path)
    ha, hb = norm(ha).replace('18101', 'PORT'), norm(hb).replace('18102', 'PORT')
    same = sa == sb and ha == hb
    if not same:
        diffs += 1
        open(f'/tmp/cmp/diff{diffs}.a', 'w').write(ha); open(f'/tmp/cmp/diff{diffs}.b', 'w').write(hb)
    print('anon', path, sa, sb, 'same' if same else f'DIFF {diffs}')
for user in ['admin', 'quantri.camlo', 'motcua.xacamlo', 'chuyenvien.xacamlo', 'lanhdao.xacamlo', 'vanthu.camlo', 'bientap.camlo', 'duyettin.camlo', 'congdan', 'motcua.camlo']:
    navs = []
    for port in (18101, 18102):
        base = f'http://127.0.0.1:{port}'
        o = opener(); login(o, base, user, pw.get(user, ''))
        st, html = get(o, base + '/thu-tuc')
        nav = re.search(r'<nav aria-label.*?</nav>', html, re.S)
        foot = re.search(r'<footer.*?</footer>', html, re.S)
        navs.append((st, norm(nav.group(0) if nav else ''), norm(foot.group(0) if foot else '')))
    same = navs[0] == navs[1]
    if not same:
        diffs += 1
        open(f'/tmp/cmp/diff{diffs}.a', 'w').write(str(navs[0])); open(f'/tmp/cmp/diff{diffs}.b', 'w').write(str(navs[1]))
    print('nav', user, navs[0][0], 'links', navs[0][1].count('<li>'), 'same' if same else f'DIFF {diffs}')
pa.terminate(); pb.terminate()
print('diffs', diffs)
