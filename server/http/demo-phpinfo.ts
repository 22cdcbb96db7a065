/**
 * A realistic phpinfo() page for the demo control panel, in PHP 8.2's own markup, with FAKE
 * secrets in the places real ones appear: a database password in a directive, credentials in
 * environment variables and DSNs, API keys, a session cookie and an Authorization header. The
 * widget must remove every one of them before upload; the end-to-end test checks the stored copy
 * against FAKE_SECRETS. None of these values is valid anywhere.
 */
export const FAKE_SECRETS = {
  dbPassword: "Pr0d-Db-pa55w0rd-Xq7",
  mysqliDefaultPw: "mysqli-Default-Pw-55aa",
  redisPassword: "r3dis-Auth-9d8c7b",
  mailerPassword: "smtp-Relay-Secret-4411",
  stripeKey: "sk_live_51FAKEdemoKEY0000aBcDeFgHiJ",
  awsAccessKey: "AKIAFAKEDEMO00EXAMPL",
  awsSecretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEDEMOKEY",
  appKey: "base64:Zm9vYmFyLWRlbW8ta2V5LW5vdC1yZWFsLTAxMjM0NQ==",
  jwtSecret: "jwt-Signing-Secret-0f9e8d7c6b5a",
  sentryKey: "3f2c9a7e1b4d4c8a9e6f5d4c3b2a1f0e",
  sessionId: "q8v1k2fake7sessn0id4demo9x",
  bearerToken: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImRlbW8iOnRydWV9.ZmFrZS1zaWduYXR1cmUtZGVtbw",
  licenseKey: "HCMS-7K2Q-9FAKE-DEMO-44XZ",
} as const;

const S = FAKE_SECRETS;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

type Row = [string, ...string[]];

function table(rows: Row[], header?: string[]): string {
  const head = header ? `<tr class="h">${header.map((h) => `<th>${h}</th>`).join("")}</tr>\n` : "";
  const body = rows
    .map(([k, ...vs]) => `<tr><td class="e">${esc(k)} </td>${vs.map((v) => `<td class="v">${v === "" ? "<i>no value</i>" : esc(v)} </td>`).join("")}</tr>`)
    .join("\n");
  return `<table>\n${head}${body}\n</table>\n`;
}

const module = (name: string, rows: Row[], info: Row[] = []) =>
  `<h2><a name="module_${name}">${name}</a></h2>\n${info.length ? table(info) : ""}${table(rows, ["Directive", "Local Value", "Master Value"])}`;

const both = (k: string, v: string): Row => [k, v, v];

/** The parts of the page that are the same on every request. */
const ENV: Row[] = [
  ["APP_ENV", "production"],
  ["APP_KEY", S.appKey],
  ["DB_HOST", "db.internal"],
  ["DB_USERNAME", "shop"],
  ["DB_PASSWORD", S.dbPassword],
  ["DATABASE_URL", `mysql://shop:${S.dbPassword}@db.internal:3306/shop?charset=utf8mb4`],
  ["REDIS_URL", `redis://:${S.redisPassword}@cache.internal:6379/0`],
  ["MAILER_DSN", `smtp://mailer:${S.mailerPassword}@smtp.example.net:587`],
  ["STRIPE_SECRET_KEY", S.stripeKey],
  ["AWS_ACCESS_KEY_ID", S.awsAccessKey],
  ["AWS_SECRET_ACCESS_KEY", S.awsSecretKey],
  ["JWT_SECRET", S.jwtSecret],
  ["SENTRY_DSN", `https://${S.sentryKey}@o450123.ingest.sentry.io/5512345`],
  ["HARBOR_LICENSE_KEY", S.licenseKey],
  ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
  ["HOSTNAME", "web-01"],
  ["USER", "www-data"],
];

const STYLE = `body {background-color: #fff; color: #222; font-family: sans-serif;}
pre {margin: 0; font-family: monospace;}
table {border-collapse: collapse; border: 0; width: 934px; box-shadow: 1px 2px 3px #ccc;}
.center {text-align: center;}
.center table {margin: 1em auto; text-align: left;}
.center th {text-align: center !important;}
td, th {border: 1px solid #666; font-size: 75%; vertical-align: baseline; padding: 4px 5px;}
th {position: sticky; top: 0; background: inherit;}
h1 {font-size: 150%;}
h2 {font-size: 125%;}
.p {text-align: left;}
.e {background-color: #ccf; width: 300px; font-weight: bold;}
.h {background-color: #99c; font-weight: bold;}
.v {background-color: #ddd; max-width: 300px; overflow-x: auto; word-wrap: break-word;}
.v i {color: #999;}
hr {width: 934px; background-color: #ccc; border: 0; height: 1px;}
`;

const SYSTEM = table([
  ["System", "Linux web-01 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 x86_64"],
  ["Build Date", "Oct 24 2023 19:15:05"],
  ["Server API", "FPM/FastCGI"],
  ["Virtual Directory Support", "disabled"],
  ["Configuration File (php.ini) Path", "/etc/php/8.2/fpm"],
  ["Loaded Configuration File", "/etc/php/8.2/fpm/php.ini"],
  ["Additional .ini files parsed", "/etc/php/8.2/fpm/conf.d/10-mysqlnd.ini, /etc/php/8.2/fpm/conf.d/10-opcache.ini, /etc/php/8.2/fpm/conf.d/20-redis.ini"],
  ["PHP API", "20220829"],
  ["PHP Extension", "20220829"],
  ["Zend Extension", "420220829"],
  ["Thread Safety", "disabled"],
  ["Zend Memory Manager", "enabled"],
  ["Registered PHP Streams", "https, ftps, compress.zlib, php, file, glob, data, http, ftp, phar"],
]);

const CONFIGURATION = [
  module("Core", [
    both("allow_url_fopen", "On"),
    both("display_errors", "Off"),
    both("error_reporting", "22527"),
    both("max_execution_time", "30"),
    both("memory_limit", "256M"),
    both("post_max_size", "64M"),
    both("upload_max_filesize", "64M"),
    both("short_open_tag", "Off"),
  ], [["PHP Version", "8.2.12"]]),
  module("mysqli", [
    both("mysqli.allow_local_infile", "Off"),
    both("mysqli.default_host", "db.internal"),
    both("mysqli.default_port", "3306"),
    both("mysqli.default_pw", S.mysqliDefaultPw),
    both("mysqli.default_socket", ""),
    both("mysqli.default_user", "shop"),
    both("mysqli.max_persistent", "Unlimited"),
  ], [["MysqlI Support", "enabled"], ["Client API library version", "mysqlnd 8.2.12"]]),
  module("opcache", [
    both("opcache.enable", "On"),
    both("opcache.memory_consumption", "192"),
    both("opcache.validate_timestamps", "Off"),
  ], [["Opcode Caching", "Up and Running"]]),
  module("session", [
    both("session.cookie_httponly", "On"),
    both("session.cookie_lifetime", "0"),
    both("session.cookie_samesite", "Lax"),
    both("session.cookie_secure", "On"),
    both("session.name", "PHPSESSID"),
    both("session.save_handler", "redis"),
    both("session.save_path", `tcp://cache.internal:6379?auth=${S.redisPassword}&database=2`),
    both("session.use_strict_mode", "On"),
  ], [["Session Support", "enabled"], ["Registered save handlers", "files user redis rediscluster"]]),
].join("\n");

export function phpinfoPage(req: { host: string; userAgent: string; nonce: string; remoteAddr: string }): string {
  const cookie = `PHPSESSID=${S.sessionId}; cart_id=8812; lang=en`;
  const vars: Row[] = [
    ["$_COOKIE['PHPSESSID']", S.sessionId],
    ["$_COOKIE['cart_id']", "8812"],
    ["$_SERVER['USER']", "www-data"],
    ["$_SERVER['HTTP_HOST']", req.host],
    ["$_SERVER['HTTP_USER_AGENT']", req.userAgent],
    ["$_SERVER['HTTP_COOKIE']", cookie],
    ["$_SERVER['HTTP_AUTHORIZATION']", `Bearer ${S.bearerToken}`],
    ["$_SERVER['DB_PASSWORD']", S.dbPassword],
    ["$_SERVER['DATABASE_URL']", `mysql://shop:${S.dbPassword}@db.internal:3306/shop?charset=utf8mb4`],
    ["$_SERVER['REMOTE_ADDR']", req.remoteAddr],
    ["$_SERVER['SERVER_SOFTWARE']", "nginx/1.24.0"],
    ["$_SERVER['SCRIPT_FILENAME']", "/var/www/harbor/admin/phpinfo.php"],
    ["$_SERVER['REQUEST_URI']", "/admin/phpinfo.php"],
    ["$_SERVER['REQUEST_METHOD']", "GET"],
    ["$_SERVER['PHP_SELF']", "/admin/phpinfo.php"],
    ["$_ENV['DB_PASSWORD']", S.dbPassword],
    ["$_ENV['STRIPE_SECRET_KEY']", S.stripeKey],
  ];
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<style type="text/css" nonce="${req.nonce}">
${STYLE}</style>
<title>PHP 8.2.12 - phpinfo()</title><meta name="ROBOTS" content="NOINDEX,NOFOLLOW,NOARCHIVE" /></head>
<body><div class="center">
<table>
<tr class="h"><td>
<h1 class="p">PHP Version 8.2.12</h1>
</td></tr>
</table>
${SYSTEM}<hr />
<h1>Configuration</h1>
${CONFIGURATION}
<h2>Environment</h2>
${table(ENV, ["Variable", "Value"])}
<h2>PHP Variables</h2>
${table(vars, ["Variable", "Value"])}
<hr />
<h1>PHP License</h1>
<table>
<tr class="v"><td>
<p>This program is free software; you can redistribute it and/or modify it under the terms of the PHP License as published by the PHP Group and included in the distribution in the file:  LICENSE</p>
</td></tr>
</table>
</div></body></html>
`;
}
