const { PGlite } = require('@electric-sql/pglite');
const fs=require('fs');
const mb=()=>Math.round(process.memoryUsage().rss/1e6);
const P=["--single","-F","-O","-j","-c","search_path=public","-c","exit_on_error=false","-c","log_checkpoints=false","-c","max_worker_processes=0","-c","max_parallel_workers=0","-c","max_parallel_workers_per_gather=0","-c","io_method=sync","-c","max_parallel_maintenance_workers=0","-c","shared_buffers=16MB","-c","wal_buffers=1MB"];
(async()=>{
 console.log('base rss', mb());
 if (process.argv[2]==='make'){ const db=await PGlite.create(); fs.writeFileSync('/tmp/pgl.tgz', Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer())); await db.close(); return;}
 let t=Date.now();
 const small = process.argv[3]==='small';
 const opts = process.argv[2]==='tar' ? {loadDataDir: new Blob([fs.readFileSync('/tmp/pgl.tgz')])} : {};
 if (small) opts.startParams=P;
 const db = await PGlite.create(opts);
 console.log(process.argv.slice(2).join(' '),'create', Date.now()-t, 'rss', mb());
 await new Promise(r=>setTimeout(r,300)); global.gc(); console.log('after gc rss', mb(), process.memoryUsage());
 await db.close();
})();
