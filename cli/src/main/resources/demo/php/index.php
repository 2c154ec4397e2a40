<?php
// Served by php-cgi processes that Gatehouse started and supervises (the fastcgi+spawn: mount).
header('Content-Type: text/html; charset=utf-8');
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Gatehouse demo: PHP</title></head>
<body>
<h1>Hello from PHP <?= htmlspecialchars(PHP_VERSION) ?></h1>
<p>This page ran in a <code>php-cgi</code> process (pid <?= getmypid() ?>) that Gatehouse started,
health-checked and talks to over FastCGI: <code>fastcgi+spawn:php-cgi?root=DIR</code>.</p>
<ul>
<li>SCRIPT_NAME: <code><?= htmlspecialchars($_SERVER['SCRIPT_NAME'] ?? '') ?></code></li>
<li>SERVER_SOFTWARE: <code><?= htmlspecialchars($_SERVER['SERVER_SOFTWARE'] ?? '') ?></code></li>
<li>Query: <code><?= htmlspecialchars($_SERVER['QUERY_STRING'] ?? '') ?></code></li>
</ul>
<p><a href="../">back to the demo</a></p>
</body>
</html>
