/* "Use my position": fills the latitude and longitude inputs from the browser's geolocation.
   No map and no outside service: the coordinates are typed or filled in here. */
(function () {
  "use strict";
  var box = document.querySelector("[data-locate]");
  if (!box || !("geolocation" in navigator)) return;
  var button = box.querySelector("[data-locate-button]");
  var status = box.querySelector("[data-locate-status]");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  if (!button || !lat || !lon) return;
  box.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = status.dataset.msgWait;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        status.textContent = status.dataset.msgDone;
      },
      function () {
        status.textContent = status.dataset.msgFail;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
