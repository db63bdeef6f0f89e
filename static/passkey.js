// Passkeys: the WebAuthn ceremony for a form marked data-passkey="register"
// (on the account page) or "sign-in" (on the login page). The form stays
// hidden without this script, and everything else works without it.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function bytes(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64);
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      out[i] = binary.charCodeAt(i);
    }
    return out.buffer;
  }

  function base64url(buffer) {
    if (!buffer) {
      return null;
    }
    var view = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < view.length; i++) {
      binary += String.fromCharCode(view[i]);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withIds(list) {
    return (list || []).map(function (item) {
      var copy = Object.assign({}, item);
      copy.id = bytes(item.id);
      return copy;
    });
  }

  function creationOptions(publicKey) {
    var options = Object.assign({}, publicKey);
    options.challenge = bytes(publicKey.challenge);
    options.user = Object.assign({}, publicKey.user, { id: bytes(publicKey.user.id) });
    options.excludeCredentials = withIds(publicKey.excludeCredentials);
    return { publicKey: options };
  }

  function requestOptions(publicKey) {
    var options = Object.assign({}, publicKey);
    options.challenge = bytes(publicKey.challenge);
    options.allowCredentials = withIds(publicKey.allowCredentials);
    return { publicKey: options };
  }

  // A credential as the server reads it: what every credential has, and the
  // fields of its response for this ceremony.
  function described(credential, response) {
    return {
      id: credential.id,
      rawId: base64url(credential.rawId),
      type: credential.type,
      extensions: credential.getClientExtensionResults(),
      response: response
    };
  }

  function registered(credential) {
    var response = credential.response;
    return described(credential, {
      attestationObject: base64url(response.attestationObject),
      clientDataJSON: base64url(response.clientDataJSON),
      transports: response.getTransports ? response.getTransports() : []
    });
  }

  function asserted(credential) {
    var response = credential.response;
    return described(credential, {
      authenticatorData: base64url(response.authenticatorData),
      clientDataJSON: base64url(response.clientDataJSON),
      signature: base64url(response.signature),
      userHandle: base64url(response.userHandle)
    });
  }

  function start(form) {
    var kind = form.getAttribute("data-passkey");
    var status = form.querySelector("[data-passkey-status]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      if (form.elements.credential.value) {
        return;
      }
      event.preventDefault();
      if (status) {
        status.textContent = "";
      }
      var body = new URLSearchParams();
      body.set("csrf_token", form.elements.csrf_token.value);
      fetch(form.getAttribute("data-options"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString()
      })
        .then(function (answer) {
          if (!answer.ok) {
            throw new Error("options: " + answer.status);
          }
          return answer.json();
        })
        .then(function (given) {
          form.elements.ceremony.value = given.ceremony;
          if (kind === "register") {
            return navigator.credentials
              .create(creationOptions(given.options.publicKey))
              .then(registered);
          }
          return navigator.credentials.get(requestOptions(given.options.publicKey)).then(asserted);
        })
        .then(function (credential) {
          form.elements.credential.value = JSON.stringify(credential);
          form.submit();
        })
        .catch(function () {
          if (status) {
            status.textContent = status.getAttribute("data-failed");
          }
        });
    });
  }

  var forms = document.querySelectorAll("form[data-passkey]");
  for (var i = 0; i < forms.length; i++) {
    start(forms[i]);
  }
})();
