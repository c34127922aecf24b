"""gunicorn settings for production (deploy/systemd/anliegen-web.service)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Synchronous workers: requests are short database reads and writes; two per core.
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that slow leaks in any library never add up.
max_requests = 5000
max_requests_jitter = 500
# Loaded once in the master, shared by the forked workers (the routing model is large).
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# No query strings (search words); tracking tokens in paths masked by the logger class.
logger_class = "anliegen.ops.gunicorn.MaskingLogger"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
