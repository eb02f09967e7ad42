const { fork } = require('child_process');
if (process.argv[2] === 'child') {
  process.on('message', (m) => { process.send({ echo: m }); process.exit(0); });
} else {
  const c = fork(__filename, ['child']);
  c.on('message', (m) => console.log('parent got', m));
  c.on('exit', (code) => console.log('child exit', code));
  c.send('hi');
}
