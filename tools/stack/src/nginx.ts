import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Managed, startManaged, waitUntilReady } from './child-process.js';
import { freePort } from './free-port.js';
import { requireBinary } from './required-binary.js';
import { makeTempDir } from './temp-dir.js';

/** Debian's nginx (scripts/install-scale-out-deps.sh installs nginx-light); NGINX_BIN overrides. */
export function nginxPath(): string {
  return process.env.NGINX_BIN ?? '/usr/sbin/nginx';
}

export interface RunningBalancer extends AsyncDisposable {
  baseUrl: string;
  /** The master's pid, also the id of the process group its workers are in. */
  pid: number | undefined;
  /** The prefix dir: config, pid file, logs and every temp path (removed on stop). */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Debian's nginx as a round-robin load balancer over `upstreams` (base URLs), configured as the
 * deployment docs recommend: bodies streamed both ways (no request or response buffering, no
 * size limit), keep-alive to the replicas, and `max_fails=0` so a replica that starts late or
 * restarts is never taken out of the rotation for good.
 */
export interface BalancerOptions {
  upstreams: string[];
  /**
   * Downloads handed to nginx by a replica with `TC_ACCEL_REDIRECT=<prefix>`: an `internal`
   * location aliasing the replica's `<TC_DATA_DIR>/files/` (`directory`).
   */
  accel?: { prefix: string; directory: string };
}

export async function startBalancer(options: BalancerOptions): Promise<RunningBalancer> {
  return launchNginx('tc-nginx-', (port, dir, instance) => config(port, options, dir, instance));
}

/**
 * Debian's nginx serving the files under `root` itself, as a static file server is usually set
 * up (sendfile, byte ranges): the bench's ceiling for downloads on this machine.
 */
export async function startFileServer(options: { root: string }): Promise<RunningBalancer> {
  return launchNginx('tc-nginx-files-', (port, dir, instance) =>
    fileServerConfig(port, options.root, dir, instance),
  );
}

/**
 * Starts nginx on a free port with the config `configFor` writes (which must answer
 * `/__balancer` with 204 and `X-Stack-Instance: <instance>`), in a fresh prefix dir.
 */
async function launchNginx(
  tempPrefix: string,
  configFor: (port: number, dir: string, instance: string) => string,
): Promise<RunningBalancer> {
  const binary = requireBinary('nginx', nginxPath(), 'NGINX_BIN');
  const prefix = await makeTempDir(tempPrefix);
  const instance = randomUUID();
  const dir = prefix.path;
  let managed: Managed | undefined;
  let baseUrl = '';
  for (let attempt = 0; managed === undefined; attempt++) {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const conf = path.join(dir, 'nginx.conf');
    await writeFile(conf, configFor(port, dir, instance));
    const candidate = startManaged(binary, [
      '-p',
      dir,
      '-c',
      conf,
      '-e',
      path.join(dir, 'error.log'),
    ]);
    try {
      await waitUntilReady(`nginx on port ${port}`, candidate, async () => {
        const response = await fetch(`${baseUrl}/__balancer`, {
          signal: AbortSignal.timeout(2000),
        });
        await response.arrayBuffer();
        // Ours, not another run's nginx that took the port between picking and binding it.
        return response.status === 204 && response.headers.get('x-stack-instance') === instance;
      });
      managed = candidate;
    } catch (error) {
      if (attempt >= 2) {
        await prefix.remove();
        throw error;
      }
    }
  }
  const running = managed;
  const stop = async () => {
    await running.stop();
    await prefix.remove();
  };
  return { baseUrl, pid: running.pid, dir, stop, [Symbol.asyncDispose]: stop };
}

/** What every config here starts with: one worker, running as the caller, paths in `dir`. */
function mainContext(dir: string): string {
  // Runs as the invoking user: `user` only matters (and is only allowed) for root.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }`;
}

/**
 * Temp paths inside `dir`, and sendfile on as in Debian's own nginx.conf. Not its
 * `tcp_nopush on`: with keep-alive on loopback it holds the end of each small response back
 * (64 KiB ranges: about 430 requests/s with it, 4 900 without; 1 MiB: no difference).
 */
function httpCommon(dir: string): string {
  return `  access_log off;
  sendfile on;
  client_body_temp_path ${path.join(dir, 'client_body')};
  proxy_temp_path ${path.join(dir, 'proxy')};
  fastcgi_temp_path ${path.join(dir, 'fastcgi')};
  uwsgi_temp_path ${path.join(dir, 'uwsgi')};
  scgi_temp_path ${path.join(dir, 'scgi')};`;
}

function readiness(instance: string): string {
  return `    location = /__balancer {
      add_header X-Stack-Instance ${instance};
      return 204;
    }`;
}

function fileServerConfig(port: number, root: string, dir: string, instance: string): string {
  return `${mainContext(dir)}
http {
${httpCommon(dir)}
  server {
    listen 127.0.0.1:${port};
${readiness(instance)}
    location / {
      root ${root};
      types { }
      default_type application/octet-stream;
    }
  }
}
`;
}

function config(port: number, options: BalancerOptions, dir: string, instance: string): string {
  const servers = options.upstreams
    .map((url) => `    server ${new URL(url).host} max_fails=0;`)
    .join('\n');
  const accel = options.accel === undefined ? '' : accelLocation(options.accel);
  return `${mainContext(dir)}
http {
${httpCommon(dir)}
  upstream replicas {
${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 0;
${readiness(instance)}
    # nginx answers TRACE itself (405, HTML, no Allow): hand it to a replica, whose 405 has the
    # Allow header and the API's error envelope.
    error_page 405 = @replica;
    location @replica { proxy_pass http://replicas; }
    # A request nginx cannot parse never reaches a replica: answer it in the API's envelope.
    error_page 400 = @malformed;
    location @malformed {
      default_type application/json;
      add_header Tus-Resumable 1.0.0 always;
      return 400 '{"errors":[{"code":"INVALID_REQUEST","title":"Bad request","detail":"The load balancer could not parse this request."}],"traceId":"$request_id"}';
    }
${accel}    location / {
      proxy_pass http://replicas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_request_buffering off;
      proxy_buffering off;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 5s;
      proxy_read_timeout 300s;
      proxy_send_timeout 300s;
    }
  }
}
`;
}

/**
 * The internal location TC_ACCEL_REDIRECT points at: nginx serves the file with the replica's
 * headers. Its own ETag and Last-Modified (from the file's mtime) are replaced by the
 * replica's, so that `If-Range` and caches see one validator whoever sends the bytes; its own
 * conditional answers (304) are off, as the API has none.
 */
function accelLocation(accel: { prefix: string; directory: string }): string {
  const directory = accel.directory.endsWith('/') ? accel.directory : `${accel.directory}/`;
  return `    location ${accel.prefix} {
      internal;
      alias ${directory};
      types { }
      default_type application/octet-stream;
      etag off;
      if_modified_since off;
      add_header ETag $upstream_http_etag;
      add_header Last-Modified $upstream_http_last_modified;
      add_header X-Content-Type-Options $upstream_http_x_content_type_options;
      add_header Content-Security-Policy $upstream_http_content_security_policy;
    }
`;
}
