"""Generates the Refusing*.java base classes of the JDBC driver from the JDK's java.sql
interfaces (javap): every method throws SQLFeatureNotSupportedException until overridden.
Usage, from cutaway-jdbc/ (JAVA_HOME set to the JDK 25):
  D=src/main/java/dev/cutaway/jdbc
  python3 generate-refusing.py java.sql.Connection RefusingConnection - 1 > $D/RefusingConnection.java
  (likewise Statement, ResultSet, DatabaseMetaData with "- 1", and
   PreparedStatement RefusingPreparedStatement CutawayStatement 0)
"""
import os, re, subprocess, sys
iface, cls, extends, wrapper = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
short = iface.split('.')[-1]
out = []
def simp(t):
    t = t.replace('java.lang.', '').replace('java.sql.', '')
    return t
seen = set()
javap = os.path.join(os.environ.get('JAVA_HOME', '/usr'), 'bin', 'javap')
for line in subprocess.run([javap, '-public', iface], capture_output=True, text=True,
                           check=True).stdout.splitlines():
    line = line.strip()
    if not line.startswith('public abstract'):
        continue
    m = re.match(r'public abstract (<[^>]+> )?(.+?) (\w+)\((.*)\)( throws .*)?;', line)
    tp, ret, name, params, throws = m.groups()
    tp = tp or ''
    # split params on commas not inside <>
    ps, depth, cur = [], 0, ''
    for ch in params:
        if ch == '<': depth += 1
        if ch == '>': depth -= 1
        if ch == ',' and depth == 0:
            ps.append(cur); cur = ''
        else:
            cur += ch
    if cur: ps.append(cur)
    ps = [simp(p.strip()) for p in ps]
    ps = [p.replace('...', '[]') for p in ps]
    plist = ', '.join(f'{p} p{i}' for i, p in enumerate(ps))
    thr = simp(throws.strip()) if throws else ''
    thr = (' ' + thr) if thr else ''
    if 'SQLClientInfoException' in thr:
        body = f'throw new SQLClientInfoException("{name} is not supported", null);'
    elif 'SQLException' in thr:
        body = f'throw refused("{name}");'
    else:
        body = f'throw new UnsupportedOperationException("{name} is not supported");'
    sig = f'    public {tp}{simp(ret)} {name}({plist}){thr} {{'
    if len(sig) > 100:
        parts = [f'{p} p{i}' for i, p in enumerate(ps)]
        head = f'    public {tp}{simp(ret)} {name}('
        lines = [head]
        for i, part in enumerate(parts):
            sep = ', ' if i < len(parts) - 1 else ''
            if len(lines[-1]) + len(part) + len(sep) > 99:
                lines[-1] = lines[-1].rstrip()
                lines.append('            ')
            lines[-1] += part + sep
        lines[-1] += ')' + thr + ' {'
        if len(lines[-1]) > 100:
            lines[-1] = lines[-1][:-len(thr + ' {')]
            lines.append('           ' + thr + ' {')
        sig = '\n'.join(lines)
    out.append('    @Override\n' + sig + '\n        ' + body + '\n    }\n')
wrap = '''    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** The exception every method this driver does not support throws. */
    static SQLFeatureNotSupportedException refused(String method) {
        return new SQLFeatureNotSupportedException(
                "''' + short + '''." + method + " is not supported by the Cutaway driver", "0A000");
    }
'''
ext = f'extends {extends} ' if extends != '-' else ''
print(f'''package dev.cutaway.jdbc;

import java.sql.*;

/**
 * Generated from {{@code java.sql.{short}}} (javap): every method of the interface throws
 * {{@link SQLFeatureNotSupportedException}} (SQLSTATE 0A000) until a subclass overrides it, so
 * what the driver does not support fails loudly and the supported part reads on its own.
 * Regenerate rather than edit by hand; overriding belongs in the subclass.
 */
abstract class {cls} {ext}implements {short} {{
''')
if wrapper:
    print(wrap)
else:
    print(f'    {cls}(CutawayConnection connection) {{\n        super(connection);\n    }}\n')
print('\n'.join(out).rstrip() + '\n}')
