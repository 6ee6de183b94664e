// A real IMAP server for tests: Debian's Dovecot with its own config, user and maildir on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from '../../platform/temporal';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  url: string; // imap://user:password@127.0.0.1:port
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const uidOf = (name: string) => Number(execFileSync('id', ['-u', name]).toString().trim());
const gidOf = (name: string) => Number(execFileSync('id', ['-g', name]).toString().trim());

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'support';
  const password = 'support-pass';
  const mailUid = uidOf('dovecot');
  const mailGid = gidOf('dovecot');
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true });
  chownSync(home, mailUid, mailGid);
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${mailUid}:${mailGid}::${home}/${user}\n`);
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = ${mailUid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], { stdio: 'ignore' });
    await waitForPort('127.0.0.1', port, 30_000);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 5000).unref();
    });
  await start();
  return {
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}`,
    restart: async () => {
      await stop();
      await new Promise((r) => setTimeout(r, 300));
      await start();
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
