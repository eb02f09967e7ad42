const url = new URL('https://user:pw@example.com:8080/a/b?x=1&y=2#h');
console.log(url.host, url.pathname, url.searchParams.get('y'), url.hash, url.origin);
url.searchParams.append('z', '3');
console.log(url.href);
const qs = require('querystring');
console.log(qs.parse('a=1&b=2&a=3'), qs.stringify({ x: [1, 2], y: 'z w' }));
console.log(require('path').resolve('/a/b', '../c'), require('path').extname('x.tar.gz'));
