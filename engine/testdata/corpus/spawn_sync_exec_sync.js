const { spawnSync, execSync } = require('child_process');
const r = spawnSync(process.execPath, ['-e', 'console.error("err"); process.exit(7)']);
console.log(r.status, r.stderr.toString().trim(), r.stdout.length);
try { execSync(`${process.execPath} -e "process.exit(2)"`, { stdio: 'pipe' }); } catch (e) { console.log('status', e.status); }
console.log(execSync(`${process.execPath} -p "6*7"`).toString());
