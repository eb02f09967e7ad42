setTimeout(() => { throw new Error('in timer'); }, 1);
process.on('uncaughtException', (e, origin) => { console.log('caught', e.message, origin); });
Promise.reject(new Error('rej'));
process.on('unhandledRejection', (r, p) => console.log('unhandled', r.message, p instanceof Promise));
