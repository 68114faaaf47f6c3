/* Ctrl-R, reverse incremental search of the history, over wide characters. libedit's own
   em-inc-search-prev loses its match as soon as a pattern mixes multibyte and other characters
   ("€189"). Each key typed narrows the search to the newest line holding the pattern, Ctrl-R
   again looks further back, Backspace widens it, Enter runs the line found, Ctrl-G gives back
   the line typed before, and any other key takes the line found and then acts as itself.

   One key per call: while a search is on, the keystroke reader hands each key to
   `history_search_intercept`, which keeps it and gives libedit the step key instead; the step
   key's function applies it and asks libedit to redisplay, so the prompt is redrawn whole. */
#include "LineEditorInternal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* A history line as wide characters; NULL when it cannot be decoded. Caller frees. */
static wchar_t *widen(const char *text) {
  size_t length = mbstowcs(NULL, text, 0);
  if (length == (size_t)-1) return NULL;
  wchar_t *wide = calloc(length + 1, sizeof *wide);
  if (wide) mbstowcs(wide, text, length + 1);
  return wide;
}

/* The newest history line at least `from` lines back that holds `pattern`; NULL when none.
   *found tells how many lines back it is. Caller frees. */
static wchar_t *find(History *entries, const wchar_t *pattern, int from, int *found) {
  HistEvent event;
  int index = 0;
  for (int rc = history(entries, &event, H_FIRST); rc != -1; rc = history(entries, &event, H_NEXT), index++) {
    if (index < from) continue;
    wchar_t *line = widen(event.str);
    if (!line) continue;
    if (wcsstr(line, pattern)) { *found = index; return line; }
    free(line);
  }
  return NULL;
}

static wchar_t *current_line(EditLine *el) {
  const LineInfoW *info = el_wline(el);
  size_t length = (size_t)(info->lastchar - info->buffer);
  wchar_t *copy = calloc(length + 1, sizeof *copy);
  if (copy) wmemcpy(copy, info->buffer, length);
  return copy;
}

static void replace_line(EditLine *el, const wchar_t *text) {
  const LineInfoW *info = el_wline(el);
  el_cursor(el, (int)(info->lastchar - info->cursor));
  info = el_wline(el);
  el_wdeletestr(el, (int)(info->cursor - info->buffer));
  if (text && *text) el_winsertstr(el, text);
}

/* Shows the pattern in the prompt, and the newest line that matches it in the buffer. */
static void update(EditLine *el, LineEditor *editor) {
  HistorySearch *search = &editor->search;
  int failed = 0;
  if (search->length > 0) {
    wchar_t *match = find(editor->history, search->pattern, search->from, &search->found);
    if (match) { replace_line(el, match); free(match); } else failed = 1;
  }
  search->failed = failed;
  char encoded[HISTORY_SEARCH_MAX * MB_LEN_MAX + 1];
  size_t n = wcstombs(encoded, search->pattern, sizeof encoded - 1);
  if (n == (size_t)-1) n = 0;
  encoded[n] = '\0';
  const char *label = failed ? "(failed search)`" : "(search)`";
  size_t size = strlen(label) + n + 4;
  char *prompt = malloc(size);
  if (!prompt) return;
  snprintf(prompt, size, "%s%s': ", label, encoded);
  free(editor->prompt);
  editor->prompt = prompt;
}

void history_search_end(LineEditor *editor) {
  HistorySearch *search = &editor->search;
  if (!search->active) return;
  search->active = 0;
  if (search->saved_prompt) { free(editor->prompt); editor->prompt = search->saved_prompt; }
  search->saved_prompt = NULL;
  free(search->original);
  search->original = NULL;
}

unsigned char search_history(EditLine *el, int ch) {
  (void)ch;
  LineEditor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  if (!editor) return CC_ERROR;
  HistorySearch *search = &editor->search;
  if (!search->active) {
    memset(search->pattern, 0, sizeof search->pattern);
    search->length = 0;
    search->from = 0;
    search->found = -1;
    search->original = current_line(el);
    search->saved_prompt = editor->prompt ? strdup(editor->prompt) : NULL;
    search->active = 1;
  } else if (!search->failed && search->length > 0) {
    search->from = search->found + 1;  /* again: further back */
  }
  update(el, editor);
  return CC_REDISPLAY;
}

int history_search_intercept(LineEditor *editor, wchar_t key, wchar_t *out) {
  if (!editor->search.active || key == HISTORY_SEARCH_AGAIN_KEY) return 0;
  editor->search.key = key;
  *out = HISTORY_SEARCH_STEP_KEY;
  return 1;
}

unsigned char search_history_step(EditLine *el, int ch) {
  (void)ch;
  LineEditor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  if (!editor || !editor->search.active) return CC_NORM;  /* the step key typed for itself: nothing */
  HistorySearch *search = &editor->search;
  wchar_t key = search->key;
  if (key == L'\r' || key == L'\n') {
    history_search_end(editor);
    el_wpush(el, L"\n");  /* run the line found, once the normal prompt is back */
    return CC_REDISPLAY;
  }
  if (key == 0x07) {  /* Ctrl-G */
    replace_line(el, search->original);
    history_search_end(editor);
    return CC_REDISPLAY;
  }
  if (key == 0x7F || key == 0x08) {
    if (search->length > 0) search->pattern[--search->length] = L'\0';
    search->from = 0;
    update(el, editor);
    return CC_REDISPLAY;
  }
  if (key >= 0x20 && search->length < HISTORY_SEARCH_MAX) {
    search->pattern[search->length++] = key;
    search->pattern[search->length] = L'\0';
    update(el, editor);
    return CC_REDISPLAY;
  }
  /* Any other key (arrows, Ctrl-A, Ctrl-E …) keeps the line found and does its own work. */
  wchar_t again[2] = {key, L'\0'};
  history_search_end(editor);
  el_wpush(el, again);
  return CC_REDISPLAY;
}
