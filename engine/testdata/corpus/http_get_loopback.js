const http = require('http');
const server = http.createServer((req, res) => {
  console.log('request', req.method, req.url, req.headers['x-test']);
  res.setHeader('content-type', 'text/plain');
  res.end('ok');
});
server.listen(0, () => {
  const { port } = server.address();
  http.get({ port, path: '/hi', headers: { 'x-test': '1' } }, (res) => {
    console.log('status', res.statusCode, res.headers['content-type']);
    let body = '';
    res.on('data', (c) => body += c);
    res.on('end', () => { console.log('body', body); server.close(() => console.log('closed')); });
  });
});
