const net = require('net');
const server = net.createServer((s) => { s.on('data', (d) => { s.write('echo:' + d); s.end(); }); });
server.listen(0, () => {
  const c = net.connect(server.address().port, () => { console.log('connected'); c.write('x'); });
  c.on('data', (d) => console.log('client got', d.toString()));
  c.on('end', () => { console.log('end'); server.close(); });
  c.on('close', () => console.log('close'));
});
