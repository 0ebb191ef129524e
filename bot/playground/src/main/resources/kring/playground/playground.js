// The playground page: a small chat client for the playground's JSON API.
// Every text from a person or from Kring is put on the page with textContent, never as HTML.
// The page's own words come from Kring's texts, in the language Kring speaks to the chosen person;
// what people wrote is shown in its own direction, isolated, so it cannot turn the text around it.
(function () {
  'use strict';

  const API = '/playground/api';
  const POLL_MS = 1000;
  const LISTS_EVERY = 5;
  const GROUP_MS = 5 * 60 * 1000;
  const AVATAR_COLOURS = ['#52708f', '#7a5c99', '#9a5f4c', '#3f7f62', '#a06a2c', '#4f7f8f',
    '#8a5d7f', '#5f7a3a'];
  const STORE_PERSON = 'kring.playground.person';
  const STORE_ROOM = 'kring.playground.room';

  const state = {
    people: [],
    rooms: [],
    personId: load(STORE_PERSON),
    roomId: load(STORE_ROOM),
    language: null,
    texts: {},
    maxMessage: 0,
    textsAsked: 0,
    lastSeq: 0,
    shown: new Set(),
    form: null,
    formView: null,
    polls: 0,
    polling: false,
    pollAgain: false,
    online: true
  };

  const $ = (id) => document.getElementById(id);
  const el = {
    personSelect: $('person-select'),
    newPersonForm: $('new-person-form'),
    newPersonName: $('new-person-name'),
    roomList: $('room-list'),
    newRoomForm: $('new-room-form'),
    newRoomName: $('new-room-name'),
    sidebarError: $('sidebar-error'),
    banner: $('offline-banner'),
    roomTitle: $('room-title'),
    roomSubtitle: $('room-subtitle'),
    timeline: $('timeline'),
    emptyState: $('empty-state'),
    messages: $('messages'),
    composer: $('composer'),
    input: $('composer-input'),
    send: $('send-button'),
    composerError: $('composer-error'),
    composerCount: $('composer-count'),
    dialog: $('form-dialog'),
    form: $('kring-form'),
    formTitle: $('form-title'),
    formIntro: $('form-intro'),
    formFields: $('form-fields'),
    formError: $('form-error'),
    formSubmit: $('form-submit'),
    formCancel: $('form-cancel'),
    formClose: $('form-close'),
    clockNow: $('clock-now'),
    clockButtons: document.querySelectorAll('.clock-button')
  };

  // ---- talking to the server -------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  class Offline extends Error {}

  async function call(method, path, body) {
    const options = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, options);
    } catch (e) {
      setOnline(false);
      throw new Offline(t('offline.short'));
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (response.status >= 502 && response.status <= 504) {
      setOnline(false);
      throw new Offline(t('offline.short'));
    }
    setOnline(true);
    if (!response.ok) {
      const message = data && typeof data.error === 'string'
        ? data.error
        : t('error');
      throw new ApiError(response.status, message);
    }
    return data;
  }

  function setOnline(online) {
    if (state.online === online) {
      return;
    }
    state.online = online;
    el.banner.hidden = online;
    if (online) {
      refreshLists().catch(() => {});
    }
  }

  // ---- people and rooms ------------------------------------------------------------------

  async function refreshLists() {
    const [people, rooms] = await Promise.all([call('GET', '/people'), call('GET', '/rooms')]);
    state.people = people.people;
    state.rooms = rooms.rooms;
    if (!state.people.some((p) => p.id === state.personId)) {
      choosePerson(state.people.length ? state.people[0].id : null);
    }
    if (!state.rooms.some((r) => r.id === state.roomId)) {
      chooseRoom(state.rooms.length ? state.rooms[0].id : null);
    }
    renderPeople();
    renderRooms();
    renderRoomHeader();
  }

  function personName(id) {
    const person = state.people.find((p) => p.id === id);
    return person ? person.name : t('someone');
  }

  function currentRoom() {
    return state.rooms.find((r) => r.id === state.roomId) || null;
  }

  function choosePerson(id) {
    choose('personId', STORE_PERSON, id);
  }

  function chooseRoom(id) {
    choose('roomId', STORE_ROOM, id);
  }

  // Another person or room is another view: its own timeline, and no form left open from before.
  function choose(field, storeKey, id) {
    if (state[field] === id) {
      return;
    }
    state[field] = id;
    save(storeKey, id);
    closeForm();
    resetTimeline();
    loadTexts().catch(() => {});
  }

  function renderPeople() {
    const select = el.personSelect;
    select.replaceChildren();
    if (!state.people.length) {
      select.append(option('', t('no-one')));
      select.disabled = true;
      return;
    }
    select.disabled = false;
    for (const person of state.people) {
      const item = option(person.id, person.name);
      item.dir = 'auto';
      select.append(item);
    }
    select.value = state.personId;
  }

  function renderRooms() {
    el.roomList.replaceChildren();
    if (!state.rooms.length) {
      const li = document.createElement('li');
      li.className = 'room-list-empty';
      li.textContent = t('no-rooms');
      el.roomList.append(li);
      return;
    }
    for (const room of state.rooms) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'room-button';
      button.dataset.roomId = room.id;
      const hash = document.createElement('span');
      hash.className = 'room-hash';
      hash.setAttribute('aria-hidden', 'true');
      hash.textContent = '#';
      const name = document.createElement('span');
      name.className = 'room-name';
      name.dir = 'auto';
      name.textContent = room.name;
      button.append(hash, name);
      if (room.id === state.roomId) {
        button.setAttribute('aria-current', 'true');
      }
      button.addEventListener('click', () => {
        chooseRoom(room.id);
        renderRooms();
        renderRoomHeader();
        pollNow();
        el.input.focus();
      });
      li.append(button);
      el.roomList.append(li);
    }
  }

  function renderRoomHeader() {
    const room = currentRoom();
    const ready = Boolean(room && state.personId);
    el.input.disabled = !ready;
    el.send.disabled = !ready;
    if (room) {
      el.roomTitle.replaceChildren('# ', isolated(room.name));
      el.roomSubtitle.replaceChildren(...(state.personId
        ? tNodes('room.writing-as', isolated(personName(state.personId)))
        : [t('room.add-yourself')]));
      el.input.placeholder = t('message.placeholder.room', room.name);
    } else {
      el.roomTitle.textContent = t('title');
      el.roomSubtitle.textContent = t('subtitle');
      el.input.placeholder = t('message.placeholder');
    }
    renderEmptyState();
    countComposer();
  }

  function renderEmptyState() {
    const box = el.emptyState;
    box.replaceChildren();
    const hasMessages = el.messages.childElementCount > 0;
    box.hidden = hasMessages;
    if (hasMessages) {
      return;
    }
    const title = document.createElement('h2');
    const text = document.createElement('p');
    const start = code(t('command.start'));
    if (!state.people.length) {
      title.textContent = t('empty.welcome');
      text.append(t('empty.welcome.what'), ' ', ...tNodes('empty.welcome.start', start));
    } else if (!currentRoom()) {
      title.textContent = t('empty.no-room');
      text.append(...tNodes('empty.no-room.start', start));
    } else {
      title.textContent = t('empty.quiet');
      text.append(...tNodes('empty.quiet.start', start, code(t('command.help'))));
    }
    box.append(title, text);
  }

  // ---- the timeline ----------------------------------------------------------------------

  function resetTimeline() {
    state.lastSeq = 0;
    state.shown = new Set();
    el.messages.replaceChildren();
    el.composerError.textContent = '';
    renderEmptyState();
  }

  function pollNow() {
    if (state.polling) {
      state.pollAgain = true;
      return;
    }
    state.polling = true;
    poll().finally(() => {
      state.polling = false;
      if (state.pollAgain) {
        state.pollAgain = false;
        pollNow();
      }
    });
  }

  async function poll() {
    try {
      if (state.polls++ % LISTS_EVERY === 0 || !state.online) {
        await refreshLists();
      }
      const room = state.roomId;
      const person = state.personId;
      if (!room || !person) {
        return;
      }
      const data = await call('GET', '/rooms/' + encodeURIComponent(room) + '/timeline?personId='
        + encodeURIComponent(person) + '&since=' + state.lastSeq);
      if (room !== state.roomId || person !== state.personId) {
        return;
      }
      if (data.language && data.language !== state.language) {
        // The person chose another language (or the room's case speaks another): follow Kring.
        loadTexts().catch(() => {});
      }
      for (const entry of data.entries) {
        state.lastSeq = Math.max(state.lastSeq, entry.seq);
      }
      show(data.entries);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        await refreshLists().catch(() => {});
      }
    }
  }

  function show(entries) {
    const fresh = entries.filter((e) => !state.shown.has(e.seq));
    if (!fresh.length) {
      return;
    }
    const box = el.timeline;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 48;
    let mine = false;
    for (const entry of fresh) {
      state.shown.add(entry.seq);
      if (entry.replaces != null) {
        changed(entry);
        continue;
      }
      insertInOrder(renderEntry(entry), entry.seq);
      mine = mine || (entry.kind === 'user' && entry.author === state.personId);
    }
    regroup();
    renderEmptyState();
    if (atBottom || mine) {
      box.scrollTop = box.scrollHeight;
    }
  }

  // Kring changed one of its messages (its buttons no longer apply, a count went up): the message
  // shows its new state where it stands, or goes when Kring removed it.
  function changed(note) {
    const seq = String(note.replaces);
    const old = Array.from(el.messages.children).find((item) => item.dataset.seq === seq);
    if (!old) {
      return;
    }
    if (!note.reply) {
      old.remove();
      return;
    }
    const item = renderEntry(Object.assign({}, note, { seq: note.replaces, replaces: null }));
    item.classList.add('message--changed');
    old.replaceWith(item);
  }

  function insertInOrder(item, seq) {
    let next = null;
    for (const existing of el.messages.children) {
      if (Number(existing.dataset.seq) > seq) {
        next = existing;
        break;
      }
    }
    el.messages.insertBefore(item, next);
  }

  // Like a chat app, a run of messages from one author within a few minutes shows its author once.
  // Private messages always keep their header, which says that only you can see them.
  function regroup() {
    let previous = null;
    for (const item of el.messages.children) {
      const continued = previous !== null
        && previous.dataset.who === item.dataset.who
        && !previous.dataset.visibleTo
        && !item.dataset.visibleTo
        && Number(item.dataset.time) - Number(previous.dataset.time) < GROUP_MS;
      item.classList.toggle('message--continued', continued);
      previous = item;
    }
  }

  function renderEntry(entry) {
    const bot = entry.kind === 'bot';
    const item = document.createElement('li');
    item.className = 'message ' + (bot ? 'message--bot' : 'message--user');
    item.dataset.seq = String(entry.seq);
    item.dataset.who = bot ? 'kring' : 'person:' + entry.author;
    item.dataset.visibleTo = entry.visibleTo || '';
    item.dataset.time = String(Date.parse(entry.at) || 0);
    if (entry.visibleTo) {
      item.classList.add('message--private');
    }

    const name = bot ? 'Kring' : personName(entry.author);
    const avatar = document.createElement('div');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    if (bot) {
      avatar.classList.add('avatar--kring');
    } else {
      avatar.textContent = initials(name);
      avatar.style.setProperty('--avatar-colour', colour(entry.author || ''));
    }

    const body = document.createElement('div');
    body.className = 'message-body';
    const meta = document.createElement('div');
    meta.className = 'message-meta';
    const author = document.createElement('span');
    author.className = 'message-author';
    author.dir = 'auto';
    author.textContent = name;
    meta.append(author);
    if (bot) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.dataset.text = 'app';
      badge.textContent = t('app');
      meta.append(badge);
    }
    const time = document.createElement('time');
    time.className = 'message-time';
    time.dateTime = entry.at;
    time.textContent = clock(entry.at);
    meta.append(time);
    if (entry.visibleTo) {
      const only = document.createElement('span');
      only.className = 'private-label';
      only.dataset.text = 'private';
      only.textContent = t('private');
      meta.append(only);
    }
    body.append(meta);

    if (bot) {
      for (const block of entry.reply.blocks) {
        body.append(renderBlock(block, entry));
      }
    } else {
      const text = document.createElement('p');
      text.className = 'message-text';
      text.dir = 'auto';
      text.textContent = entry.text;
      body.append(text);
    }
    item.append(avatar, body);
    return item;
  }

  function renderBlock(block, entry) {
    if (block.type === 'text') {
      return renderText(block);
    }
    if (block.type === 'fields') {
      const list = document.createElement('dl');
      list.className = 'block-fields';
      for (const field of block.fields) {
        const row = document.createElement('div');
        row.className = 'field-row';
        const label = document.createElement('dt');
        label.textContent = field.label;
        const value = document.createElement('dd');
        value.dir = 'auto';
        value.textContent = field.value;
        row.append(label, value);
        list.append(row);
      }
      return list;
    }
    if (block.type === 'buttons') {
      const row = document.createElement('div');
      row.className = 'block-buttons';
      for (const spec of block.buttons) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'btn ' + (spec.primary ? 'btn--primary' : 'btn--secondary');
        button.textContent = spec.label;
        button.addEventListener('click', () => press(button, spec));
        row.append(button);
      }
      return row;
    }
    if (block.type === 'chart') {
      // Kring draws the picture from the figures in this message; the text above has them too.
      // The picture carries its own title. Shrunk to fit a narrow window, it opens at full size.
      const figure = document.createElement('figure');
      figure.className = 'block-chart';
      const image = document.createElement('img');
      image.alt = block.alt;
      image.src = '/playground/api/rooms/' + encodeURIComponent(state.roomId) + '/timeline/'
        + encodeURIComponent(entry.seq) + '/chart.png?personId=' + encodeURIComponent(state.personId);
      const full = document.createElement('a');
      full.href = image.src;
      full.target = '_blank';
      full.rel = 'noopener';
      full.dataset.textTitle = 'chart.open';
      full.title = t('chart.open');
      full.append(image);
      figure.append(full);
      return figure;
    }
    if (block.type === 'document') {
      // A file to keep: Kring serves it from this message, as a download.
      const link = document.createElement('a');
      link.className = 'block-document';
      link.href = '/playground/api/rooms/' + encodeURIComponent(state.roomId) + '/timeline/'
        + encodeURIComponent(entry.seq) + '/file?personId=' + encodeURIComponent(state.personId);
      link.download = block.fileName;
      link.textContent = '\u{1F4C4} ' + block.fileName;
      return link;
    }
    const unknown = document.createElement('p');
    unknown.className = 'block-note';
    unknown.dataset.text = 'block.unknown';
    unknown.textContent = t('block.unknown');
    return unknown;
  }

  function renderText(block) {
    const style = String(block.style).toLowerCase();
    if (style === 'heading') {
      const heading = document.createElement('h3');
      heading.className = 'block-heading';
      heading.textContent = block.text;
      return heading;
    }
    if (style === 'warning') {
      const box = document.createElement('div');
      box.className = 'block-warning';
      box.setAttribute('role', 'note');
      const icon = document.createElement('span');
      icon.className = 'warning-icon';
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = '!';
      const text = document.createElement('p');
      text.textContent = block.text;
      box.append(icon, text);
      return box;
    }
    const paragraph = document.createElement('p');
    paragraph.className = style === 'note' ? 'block-note' : 'block-text';
    withFamilyLinks(paragraph, block.text);
    return paragraph;
  }

  // A family's private link (from "stemlink") opens its page in a new tab, as a parent would.
  const FAMILY_LINK = /(https?:\/\/[^\s/]+\/familie\/[A-Za-z0-9_-]+)/;

  function withFamilyLinks(element, text) {
    String(text).split(FAMILY_LINK).forEach((part, i) => {
      if (i % 2 === 0) {
        element.append(part);
        return;
      }
      const link = document.createElement('a');
      link.href = part;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = part;
      element.append(link);
    });
  }

  // ---- what a person does ----------------------------------------------------------------

  async function say(text) {
    const room = state.roomId;
    const result = await call('POST', '/rooms/' + encodeURIComponent(room) + '/messages', {
      personId: state.personId,
      text
    });
    if (room === state.roomId) {
      show([result.entry]);
    }
    follow(result.outcome);
  }

  async function press(button, spec) {
    el.composerError.textContent = '';
    button.disabled = true;
    try {
      const result = await call('POST', '/rooms/' + encodeURIComponent(state.roomId) + '/presses', {
        personId: state.personId,
        action: spec.action,
        value: spec.value == null ? '' : spec.value
      });
      follow(result.outcome);
    } catch (e) {
      el.composerError.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  }

  function follow(outcome) {
    if (outcome && outcome.form) {
      openForm(outcome.form);
    } else if (outcome && outcome.closeForm) {
      closeForm();
    }
    pollNow();
  }

  el.composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = el.input.value.trim();
    if (!text || el.input.disabled) {
      return;
    }
    if (countComposer() < 0) {
      // Refused here, visibly, rather than sent and refused (or cut short) by the server.
      el.composerError.textContent = t('too-long.message');
      el.input.focus();
      return;
    }
    el.composerError.textContent = '';
    el.send.disabled = true;
    try {
      await say(text);
      el.input.value = '';
      fitComposer();
      countComposer();
    } catch (e) {
      el.composerError.textContent = e.message;
    } finally {
      el.send.disabled = el.input.disabled;
      el.input.focus();
    }
  });

  el.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.composer.requestSubmit();
    }
  });

  el.input.addEventListener('input', () => {
    fitComposer();
    if (countComposer() >= 0 && el.composerError.textContent === t('too-long.message')) {
      el.composerError.textContent = '';
    }
  });

  // How many characters are left in the message (as the server counts them); below zero when the
  // message is too long, which the counter and the box then show.
  function countComposer() {
    if (!state.maxMessage) {
      return 0;
    }
    const left = state.maxMessage - Array.from(el.input.value.trim()).length;
    showCount(el.composerCount, left);
    el.input.toggleAttribute('aria-invalid', left < 0);
    el.input.closest('.composer-box').classList.toggle('composer-box--invalid', left < 0);
    return left;
  }

  function showCount(line, left) {
    line.textContent = left < 0
      ? t('chars-over', number(-left))
      : t('chars-left', number(left));
    line.classList.toggle('char-count--over', left < 0);
  }

  function fitComposer() {
    el.input.style.height = 'auto';
    el.input.style.height = Math.min(el.input.scrollHeight, 200) + 'px';
  }

  el.personSelect.addEventListener('change', () => {
    choosePerson(el.personSelect.value || null);
    renderRoomHeader();
    pollNow();
  });

  el.newPersonForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = el.newPersonName.value.trim();
    if (!name) {
      return;
    }
    el.sidebarError.textContent = '';
    try {
      const result = await call('POST', '/people', { name });
      el.newPersonName.value = '';
      state.people = state.people.concat(result.person);
      choosePerson(result.person.id);
      await refreshLists();
      pollNow();
    } catch (e) {
      el.sidebarError.textContent = e.message;
    }
  });

  el.newRoomForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = el.newRoomName.value.trim();
    if (!name) {
      return;
    }
    el.sidebarError.textContent = '';
    if (!state.personId) {
      el.sidebarError.textContent = t('room.person-first');
      el.newPersonName.focus();
      return;
    }
    try {
      const result = await call('POST', '/rooms', { name, personId: state.personId });
      el.newRoomName.value = '';
      state.rooms = state.rooms.concat(result.room);
      chooseRoom(result.room.id);
      await refreshLists();
      follow(result.outcome);
      el.input.focus();
    } catch (e) {
      el.sidebarError.textContent = e.message;
    }
  });

  // ---- forms -----------------------------------------------------------------------------

  function openForm(form) {
    state.form = form;
    state.formView = state.roomId + '/' + state.personId;
    el.formTitle.textContent = form.title;
    el.formIntro.textContent = form.intro || '';
    el.formIntro.hidden = !form.intro;
    el.formError.textContent = '';
    el.formSubmit.textContent = form.submitLabel || t('submit');
    el.formFields.replaceChildren();
    countFields.clear();
    let firstInvalid = null;
    form.inputs.forEach((input, index) => {
      const field = renderInput(input, 'kring-input-' + index);
      el.formFields.append(field.box);
      if (input.error && !firstInvalid) {
        firstInvalid = field.control;
      }
    });
    if (!el.dialog.open) {
      el.dialog.showModal();
    }
    const focus = firstInvalid || el.formFields.querySelector('input, textarea, select');
    if (focus) {
      focus.focus();
    }
  }

  function renderInput(input, id) {
    if (String(input.kind).toUpperCase() === 'MULTI_CHOICE') {
      return renderChoices(input, id);
    }
    const box = document.createElement('div');
    box.className = 'form-field';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.className = 'form-label';
    label.textContent = input.label;
    if (input.required) {
      const marker = document.createElement('span');
      marker.className = 'required-marker';
      marker.setAttribute('aria-hidden', 'true');
      marker.textContent = ' *';
      label.append(marker);
    } else if (!saysOptional(input.label)) {
      const optional = document.createElement('span');
      optional.className = 'optional-marker';
      optional.textContent = ' ' + t('optional');
      label.append(optional);
    }

    let control;
    const kind = String(input.kind).toUpperCase();
    if (kind === 'LONG_TEXT') {
      control = document.createElement('textarea');
      control.rows = 4;
    } else if (kind === 'CHOICE') {
      control = document.createElement('select');
      if (!input.required || !input.value) {
        control.append(option('', t('choose')));
      }
      for (const choice of input.options) {
        control.append(option(choice.value, choice.label));
      }
    } else {
      control = document.createElement('input');
      control.type = kind === 'NUMBER' ? 'number' : 'text';
      if (kind === 'NUMBER') {
        control.inputMode = 'numeric';
      }
    }
    control.id = id;
    control.name = input.name;
    control.className = 'form-control';
    control.value = input.value || '';
    const counted = input.maxLength > 0 && kind !== 'CHOICE' && kind !== 'NUMBER';
    if (kind !== 'CHOICE') {
      control.dir = 'auto';
    }
    if (input.required) {
      control.required = true;
      control.setAttribute('aria-required', 'true');
    }
    const described = [];
    box.append(label, control);
    const describe = (className, suffix, text) => {
      const line = document.createElement('p');
      line.className = className;
      line.id = id + suffix;
      line.textContent = text;
      box.append(line);
      described.push(line.id);
    };
    if (input.hint) {
      describe('form-hint', '-hint', input.hint);
    }
    if (counted) {
      // Not maxLength: that would cut what is pasted without a word. The counter says it instead.
      describe('char-count', '-count', '');
      const line = box.lastElementChild;
      const count = () => {
        const left = input.maxLength - control.value.trim().length;
        showCount(line, left);
        box.classList.toggle('form-field--too-long', left < 0);
        return left;
      };
      control.addEventListener('input', count);
      control.dataset.counted = 'true';
      countFields.set(control, count);
      count();
    }
    if (input.error) {
      box.classList.add('form-field--invalid');
      control.setAttribute('aria-invalid', 'true');
      describe('field-error', '-error', input.error);
    }
    if (described.length) {
      control.setAttribute('aria-describedby', described.join(' '));
    }
    return { box, control };
  }

  // Several choices: a group of checkboxes, whose checked values travel joined by commas.
  function renderChoices(input, id) {
    const box = document.createElement('fieldset');
    box.className = 'form-field form-choices';
    box.dataset.name = input.name;
    const legend = document.createElement('legend');
    legend.className = 'form-label';
    legend.textContent = input.label
      + (input.required ? ' *' : saysOptional(input.label) ? '' : ' ' + t('optional'));
    box.append(legend);
    const chosen = new Set(String(input.value || '').split(',').filter(Boolean));
    let first = null;
    input.options.forEach((choice, index) => {
      const row = document.createElement('label');
      row.className = 'form-choice';
      const check = document.createElement('input');
      check.type = 'checkbox';
      check.id = id + '-' + index;
      check.value = choice.value;
      check.checked = chosen.has(choice.value);
      const label = document.createElement('span');
      label.dir = 'auto';
      label.textContent = choice.label;
      row.append(check, ' ', label);
      box.append(row);
      first = first || check;
    });
    const describe = (className, text) => {
      const line = document.createElement('p');
      line.className = className;
      line.textContent = text;
      box.append(line);
    };
    if (input.hint) {
      describe('form-hint', input.hint);
    }
    if (input.error) {
      box.classList.add('form-field--invalid');
      describe('field-error', input.error);
    }
    return { box, control: first };
  }

  function valueOf(input) {
    if (String(input.kind).toUpperCase() === 'MULTI_CHOICE') {
      const group = el.formFields.querySelector('fieldset[data-name="' + CSS.escape(input.name) + '"]');
      return group
        ? Array.from(group.querySelectorAll('input[type=checkbox]:checked'), (c) => c.value).join(',')
        : '';
    }
    const control = el.form.elements.namedItem(input.name);
    return control ? control.value : '';
  }

  function closeForm() {
    state.form = null;
    state.formView = null;
    if (el.dialog.open) {
      el.dialog.close();
    }
    // Give the keyboard back to the composer, so the next thing typed is not lost.
    if (!el.input.disabled) {
      el.input.focus();
    }
  }

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = state.form;
    if (!form) {
      return;
    }
    const values = {};
    for (const input of form.inputs) {
      values[input.name] = valueOf(input);
    }
    Object.assign(values, form.hidden || {});
    const tooLong = Array.from(countFields.entries()).find(([, count]) => count() < 0);
    if (tooLong) {
      el.formError.textContent = t('too-long.answer');
      tooLong[0].focus();
      return;
    }
    el.formError.textContent = '';
    el.formSubmit.disabled = true;
    try {
      const result = await call('POST', '/rooms/' + encodeURIComponent(state.roomId)
        + '/submissions', { personId: state.personId, formId: form.id, values });
      if (state.form !== form) {
        return;
      }
      if (result.outcome && result.outcome.form) {
        openForm(result.outcome.form);
      } else {
        closeForm();
      }
      pollNow();
    } catch (e) {
      el.formError.textContent = e.message;
    } finally {
      el.formSubmit.disabled = false;
    }
  });

  el.formCancel.addEventListener('click', closeForm);
  el.formClose.addEventListener('click', closeForm);
  el.dialog.addEventListener('close', () => {
    state.form = null;
    state.formView = null;
  });

  // ---- the page's own words ---------------------------------------------------------------

  // The counters of the open form's text inputs, each returning how many characters are left.
  const countFields = new Map();

  // Asks for the page's words in the language Kring speaks to the chosen person in the chosen
  // room; an answer that arrives after a later question is left aside.
  async function loadTexts() {
    const asked = ++state.textsAsked;
    let query = '';
    if (state.personId) {
      query = '?personId=' + encodeURIComponent(state.personId);
      if (state.roomId) {
        query += '&roomId=' + encodeURIComponent(state.roomId);
      }
    }
    let data;
    try {
      data = await call('GET', '/texts' + query);
    } catch (e) {
      if (!(e instanceof ApiError) || !query) {
        throw e;
      }
      // The chosen person is gone: the page speaks as before anyone is chosen.
      data = await call('GET', '/texts');
    }
    if (asked !== state.textsAsked) {
      return;
    }
    state.language = data.language;
    state.texts = data.texts;
    state.maxMessage = data.maxMessage;
    applyTexts();
  }

  function applyTexts() {
    document.documentElement.lang = state.language;
    for (const item of document.querySelectorAll('[data-text]')) {
      item.textContent = t(item.dataset.text);
    }
    for (const item of document.querySelectorAll('[data-text-placeholder]')) {
      item.placeholder = t(item.dataset.textPlaceholder);
    }
    for (const item of document.querySelectorAll('[data-text-label]')) {
      item.setAttribute('aria-label', t(item.dataset.textLabel));
    }
    for (const item of document.querySelectorAll('[data-text-title]')) {
      item.title = t(item.dataset.textTitle);
    }
    renderPeople();
    renderRooms();
    renderRoomHeader();
    refreshClock().catch(() => {});
  }

  // One of the page's sentences, its {0}, {1}… filled with the arguments as they are.
  function t(key, ...args) {
    return tNodes(key, ...args).join('');
  }

  // The sentence as pieces of text and the arguments in their places, for arguments that are
  // elements (a command, a name isolated from the sentence around it).
  function tNodes(key, ...args) {
    const pattern = state.texts[key];
    if (pattern === undefined) {
      return [''];
    }
    return pattern.split(/\{(\d+)\}/).map((piece, i) => (i % 2 ? args[Number(piece)] : piece))
      .filter((piece) => piece !== '' && piece !== undefined);
  }

  // Whether a label from Kring already says that its input may stay empty.
  function saysOptional(label) {
    const word = t('optional').replace(/[()]/g, '').trim().toLowerCase();
    return word !== '' && String(label).toLowerCase().includes(word);
  }

  function number(value) {
    return value.toLocaleString(locale());
  }

  function locale() {
    return state.language === 'en' ? 'en-GB' : 'nl-BE';
  }

  // A name or other text someone typed, inside one of the page's sentences: shown in its own
  // direction, so that a right-to-left name cannot reverse the words around it.
  function isolated(text) {
    const item = document.createElement('bdi');
    item.textContent = text;
    return item;
  }

  // ---- small helpers ---------------------------------------------------------------------

  function option(value, label) {
    const item = document.createElement('option');
    item.value = value;
    item.textContent = label;
    return item;
  }

  function code(text) {
    const item = document.createElement('code');
    item.textContent = text;
    return item;
  }

  function initials(name) {
    const words = name.trim().split(/\s+/).filter(Boolean);
    const letters = words.slice(0, 2).map((w) => Array.from(w)[0].toUpperCase());
    return letters.join('') || '?';
  }

  function colour(id) {
    let sum = 0;
    for (const ch of id) {
      sum = (sum * 31 + ch.codePointAt(0)) % 9973;
    }
    return AVATAR_COLOURS[sum % AVATAR_COLOURS.length];
  }

  function clock(at) {
    const date = new Date(at);
    // Kring's clock runs in Brussels time; show every moment in it, the same for everyone.
    return isNaN(date) ? '' : date.toLocaleString(locale(), {
      weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
      timeZone: 'Europe/Brussels'
    });
  }

  // Each tab keeps its own person and room (sessionStorage, kept across a reload); a new tab
  // starts with the choice last made in any tab.
  function load(key) {
    try {
      return window.sessionStorage.getItem(key) || window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function save(key, value) {
    for (const store of ['sessionStorage', 'localStorage']) {
      try {
        if (value) {
          window[store].setItem(key, value);
        } else {
          window[store].removeItem(key);
        }
      } catch (e) {
        // Private windows may refuse storage; the page works without remembering.
      }
    }
  }

  // ---- simulated time --------------------------------------------------------------------

  function showClock(now) {
    el.clockNow.textContent = new Date(now).toLocaleString(locale(), {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Brussels'
    });
  }

  async function refreshClock() {
    const result = await call('GET', '/clock');
    showClock(result.now);
  }

  for (const button of el.clockButtons) {
    button.addEventListener('click', async () => {
      el.sidebarError.textContent = '';
      el.clockButtons.forEach((b) => { b.disabled = true; });
      try {
        const result = await call('POST', '/clock/advance', {
          minutes: Number(button.dataset.minutes)
        });
        showClock(result.now);
        pollNow();
      } catch (e) {
        el.sidebarError.textContent = e.message;
      } finally {
        el.clockButtons.forEach((b) => { b.disabled = false; });
      }
    });
  }

  // ---- start -----------------------------------------------------------------------------

  async function start() {
    await loadTexts().catch(() => {});
    await refreshLists().catch(() => {});
    refreshClock().catch(() => {});
    window.setInterval(() => refreshClock().catch(() => {}), 30000);
    state.polls = 1;
    pollNow();
    window.setInterval(pollNow, POLL_MS);
  }

  start();
})();
