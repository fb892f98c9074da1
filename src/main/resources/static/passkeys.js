// Passkeys (WebAuthn) for Gatehouse's pages: served from /static because the CSP allows only 'self' scripts.
// The server issues every challenge and checks every answer; this file only carries bytes between the two.
(function () {
  "use strict";

  function fromB64u(s) {
    var b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
    var out = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
    return out.buffer;
  }

  function toB64u(buf) {
    var bytes = new Uint8Array(buf), s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // PublicKeyCredential.toJSON() where the browser lacks it.
  function credentialJson(c) {
    if (typeof c.toJSON === "function") return JSON.stringify(c.toJSON());
    var r = c.response, response = { clientDataJSON: toB64u(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64u(r.attestationObject);
      response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
    } else {
      response.authenticatorData = toB64u(r.authenticatorData);
      response.signature = toB64u(r.signature);
      if (r.userHandle) response.userHandle = toB64u(r.userHandle);
    }
    return JSON.stringify({ id: c.id, rawId: toB64u(c.rawId), type: c.type, response: response,
      authenticatorAttachment: c.authenticatorAttachment || null,
      clientExtensionResults: c.getClientExtensionResults ? c.getClientExtensionResults() : {} });
  }

  function csrf(form) {
    return form.querySelector("input[name=_csrf]").value;
  }

  function say(form, text) {
    var status = form.querySelector("[role=status]");
    if (status) status.textContent = text;
  }

  function postForOptions(form, url) {
    return fetch(url, { method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf(form), "Accept": "application/json" } })
      .then(function (res) {
        if (!res.ok) throw new Error("The server refused to start (" + res.status + ").");
        return res.json();
      });
  }

  var addForm = document.getElementById("passkey-add-form");
  if (addForm) {
    addForm.addEventListener("submit", function (event) {
      var field = document.getElementById("passkey-credential");
      if (field.value) return; // the answer is in: let the form post
      event.preventDefault();
      if (!window.PublicKeyCredential) { say(addForm, "This browser does not support passkeys."); return; }
      say(addForm, "Follow your browser's prompt to create the passkey…");
      postForOptions(addForm, addForm.dataset.options).then(function (o) {
        return navigator.credentials.create({ publicKey: {
          challenge: fromB64u(o.challenge),
          rp: { id: o.rpId, name: o.rpName },
          user: { id: fromB64u(o.userHandle), name: o.userName, displayName: o.userName },
          pubKeyCredParams: o.algorithms.map(function (alg) { return { type: "public-key", alg: alg }; }),
          excludeCredentials: o.excludeCredentials.map(function (id) { return { type: "public-key", id: fromB64u(id) }; }),
          authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "preferred" },
          attestation: "none",
          timeout: 300000
        } });
      }).then(function (credential) {
        field.value = credentialJson(credential);
        addForm.submit();
      }).catch(function (e) {
        say(addForm, e && e.name === "NotAllowedError" ? "The passkey was not created." : "The passkey was not created: " + (e && e.message ? e.message : e));
      });
    });
  }

  // The second step of signing in: the password is in, a passkey of this user answers the challenge.
  var factorForm = document.getElementById("passkey-factor-form");
  if (factorForm) {
    factorForm.addEventListener("submit", function (event) {
      var field = document.getElementById("passkey-answer");
      if (field.value) return;
      event.preventDefault();
      if (!window.PublicKeyCredential) { say(factorForm, "This browser does not support passkeys."); return; }
      say(factorForm, "Follow your browser's prompt to use your passkey…");
      postForOptions(factorForm, factorForm.dataset.options).then(function (o) {
        return navigator.credentials.get({ publicKey: {
          challenge: fromB64u(o.challenge),
          rpId: o.rpId,
          allowCredentials: o.allowCredentials.map(function (id) { return { type: "public-key", id: fromB64u(id) }; }),
          userVerification: o.userVerification,
          timeout: 300000
        } });
      }).then(function (credential) {
        field.value = credentialJson(credential);
        factorForm.submit();
      }).catch(function (e) {
        say(factorForm, e && e.name === "NotAllowedError" ? "No passkey was used." : "No passkey was used: " + (e && e.message ? e.message : e));
      });
    });
  }

  // Passwordless: a discoverable passkey names the user; the authenticator must verify them (PIN or biometric).
  // Two ways in: the browser's autofill on the user-name field (conditional mediation, started with the page), or
  // the button. Only one request may be pending, so the button first cancels the autofill's.
  var signInForm = document.getElementById("passkey-signin-form");
  var autofill = null;

  function passwordless(o, extra) {
    var request = { publicKey: {
      challenge: fromB64u(o.challenge),
      rpId: o.rpId,
      allowCredentials: [],
      userVerification: o.userVerification,
      timeout: 300000
    } };
    for (var k in extra) request[k] = extra[k];
    return navigator.credentials.get(request);
  }

  function answer(credential) {
    document.getElementById("passkey-signin-answer").value = credentialJson(credential);
    signInForm.submit();
  }

  if (signInForm && window.PublicKeyCredential && PublicKeyCredential.isConditionalMediationAvailable
      && window.AbortController && document.querySelector("input[autocomplete~=webauthn]")
      && !document.getElementById("signin-error")) { // after a refusal, wait for the person rather than ask again
    PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
      if (!available) return;
      autofill = new AbortController();
      var signal = autofill.signal;
      return postForOptions(signInForm, signInForm.dataset.options).then(function (o) {
        if (signal.aborted) return;
        return passwordless(o, { mediation: "conditional", signal: signal }).then(answer);
      });
    }).catch(function () { /* cancelled, or no autofill here: the button still works */ });
  }

  if (signInForm) {
    signInForm.addEventListener("submit", function (event) {
      var field = document.getElementById("passkey-signin-answer");
      if (field.value) return;
      event.preventDefault();
      if (!window.PublicKeyCredential) { say(signInForm, "This browser does not support passkeys."); return; }
      if (autofill) { autofill.abort(); autofill = null; }
      say(signInForm, "Follow your browser's prompt to use your passkey…");
      postForOptions(signInForm, signInForm.dataset.options).then(function (o) {
        return passwordless(o, {});
      }).then(function (credential) {
        field.value = credentialJson(credential);
        signInForm.submit();
      }).catch(function (e) {
        say(signInForm, e && e.name === "NotAllowedError" ? "No passkey was used." : "No passkey was used: " + (e && e.message ? e.message : e));
      });
    });
  }
})();
