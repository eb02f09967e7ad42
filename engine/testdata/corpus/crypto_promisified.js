const crypto = require('crypto');
const { promisify } = require('util');
const scrypt = promisify(crypto.scrypt);
(async () => {
  const k = await scrypt('pw', 'salt', 16);
  console.log(k.toString('hex'));
  const h = crypto.createHash('md5'); h.update('a'); h.update('b'); console.log(h.copy().digest('hex'), h.digest('base64url'));
  console.log(crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('a')));
  console.log(crypto.getHashes().includes('sha256'));
})();
