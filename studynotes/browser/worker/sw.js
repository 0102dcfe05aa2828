/* Study notes offline: the service worker studynotes/offline.py writes at the site's
 * root, after `var FILES = {...}` (every file kept offline, by its URL relative to this
 * script: "" for the home page, "linux/distros/" for a page, "search/search_index.json";
 * each with a hash of its content).
 *
 * Installing keeps every file of FILES in the Cache Storage (only those not kept
 * already: a new build downloads what changed); activating drops the files of older
 * builds and takes over open pages. Online, every request goes to the network as it
 * would without this worker; only when the network fails does a file come from the
 * cache. The browser fetches this script again when a page is opened online, so a new
 * build is picked up on the reader's next visit online. ES5, as the quiz scripts. */
(function () {
  "use strict";
  var SCOPE = self.registration.scope;
  var CACHE = "studynotes-offline " + SCOPE; // two sites on one origin keep apart
  var AT_ONCE = 6; // downloads in flight while installing

  // The cache key of a file: its URL and its hash, so files of two builds never mix.
  function key(path) {
    return SCOPE + path + "?studynotes-rev=" + FILES[path];
  }

  // The key of a request's file, or null if it is not kept ("x/index.html" is "x/").
  function keyOf(url) {
    if (url.indexOf(SCOPE) !== 0) return null;
    var path = url.slice(SCOPE.length).split("#")[0].split("?")[0];
    path = path.replace(/(^|\/)index\.html$/, "$1");
    return Object.prototype.hasOwnProperty.call(FILES, path) ? key(path) : null;
  }

  function keep(cache, path) {
    // no-cache: revalidated with the server, so a page of the last build is never kept
    // under this build's hash from the browser's HTTP cache.
    return fetch(new Request(SCOPE + path, { cache: "no-cache", credentials: "same-origin" }))
      .then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return cache.put(key(path), response);
      });
  }

  // Runs keep() on each path, AT_ONCE at a time; fails if one fails (the next visit
  // online installs again, reusing what was kept).
  function keepAll(cache, paths) {
    var next = 0;
    function worker() {
      if (next >= paths.length) return Promise.resolve();
      var path = paths[next++];
      return keep(cache, path).then(worker);
    }
    var workers = [];
    for (var i = 0; i < AT_ONCE; i++) workers.push(worker());
    return Promise.all(workers);
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      return cache.keys().then(function (requests) {
        var kept = {};
        requests.forEach(function (request) {
          kept[request.url] = true;
        });
        var missing = Object.keys(FILES).filter(function (path) {
          return !kept[key(path)];
        });
        return keepAll(cache, missing);
      });
    }).then(function () {
      return self.skipWaiting(); // pages go on from the network; nothing waits on the old
    }));
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      var wanted = {};
      Object.keys(FILES).forEach(function (path) {
        wanted[key(path)] = true;
      });
      return cache.keys().then(function (requests) {
        return Promise.all(requests.filter(function (request) {
          return !wanted[request.url];
        }).map(function (request) {
          return cache.delete(request);
        }));
      });
    }).then(function () {
      return self.clients.claim();
    }));
  });

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    var cached = request.method === "GET" ? keyOf(request.url) : null;
    if (!cached) return; // the browser's own handling, as without this worker
    event.respondWith(fetch(request).catch(function (error) {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(cached);
      }).then(function (response) {
        if (response) return response;
        throw error;
      });
    }));
  });
})();
