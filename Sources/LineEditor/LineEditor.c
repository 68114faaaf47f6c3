#include "LineEditor.h"
#include "KeyReader.h"
#include "LineEditorInternal.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <wchar.h>


/* Ctrl-C must abandon the line, not the program, and a resize must redraw it: handlers that
   only record the signal, installed without SA_RESTART so that the keystroke read returns. */
static void on_interrupt(int signo) { (void)signo; key_reader_interrupted = 1; }
static void on_resize_signal(int signo) { (void)signo; key_reader_resized = 1; }

/* After a resize, between keystrokes: libedit learns the new width and draws the prompt and
   the line again on a fresh line, laid out for it.
   The redraw is not cosmetic. This libedit (Debian's 3.1-20221030) keeps the cursor's old
   column across el_resize (terminal_change_size restores it after reallocating the display
   rows), and the next character typed at the end of the line goes through its fast path,
   which writes the display row at that column: past the end of a row that has just become
   narrower. That corrupted the heap (valgrind: invalid write of size 4 in el_wgets) and
   crashed the scoring that followed. EL_REFRESH clears the display state, cursor included,
   and lays the line out anew; the fresh line keeps it clear of what the terminal reflowed. */
static void redraw_after_resize(void *context) {
  EditLine *el = (EditLine *)context;
  el_resize(el);
  fputs("\r\n", stdout);
  fflush(stdout);
  el_set(el, EL_REFRESH);
}

static int read_key(EditLine *el, wchar_t *out) {
  LineEditor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  if (!editor) return -1;
  int status = key_reader_next(&editor->keys, out, redraw_after_resize, el);
  if (status == 1) history_search_intercept(editor, *out, out);
  return status;
}

static char *prompt_of(EditLine *el) {
  LineEditor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  return editor && editor->prompt ? editor->prompt : "";
}

static size_t common_prefix(const char *a, const char *b) {
  size_t n = 0;
  while (a[n] && a[n] == b[n]) n++;
  return n;
}

static unsigned char complete_word(EditLine *el, int ch) {
  (void)ch;
  LineEditor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  if (!editor) return CC_ERROR;
  const LineInfo *info = el_line(el);
  const char *start = info->cursor;
  while (start > info->buffer && !isspace((unsigned char)start[-1])) start--;
  size_t typed = (size_t)(info->cursor - start);

  const char *first = NULL;
  size_t shared = 0;
  int matches = 0;
  for (int i = 0; i < editor->word_count; i++) {
    const char *word = editor->words[i];
    if (strncmp(word, start, typed) != 0) continue;
    if (matches == 0) { first = word; shared = strlen(word); }
    else { size_t n = common_prefix(first, word); if (n < shared) shared = n; }
    matches++;
  }
  if (matches == 0) return CC_ERROR;
  if (shared > typed) {
    char *rest = strndup(first + typed, shared - typed);
    if (!rest) return CC_ERROR;
    el_insertstr(el, rest);
    free(rest);
    if (matches == 1) el_insertstr(el, " ");
    return CC_REFRESH;
  }
  if (matches == 1) { el_insertstr(el, " "); return CC_REFRESH; }
  /* Several candidates and nothing more in common: list them under the line. */
  fputc('\n', stdout);
  for (int i = 0; i < editor->word_count; i++)
    if (strncmp(editor->words[i], start, typed) == 0) fprintf(stdout, "%s  ", editor->words[i]);
  fputc('\n', stdout);
  fflush(stdout);
  return CC_REDISPLAY;
}

LineEditor *line_editor_open(const char *program_name) {
  LineEditor *editor = calloc(1, sizeof *editor);
  if (!editor) return NULL;
  editor->el = el_init(program_name, stdin, stdout, stderr);
  if (!editor->el) { free(editor); return NULL; }
  editor->history = history_init();
  HistEvent event;
  history(editor->history, &event, H_SETSIZE, 1000);
  history(editor->history, &event, H_SETUNIQUE, 1);

  el_set(editor->el, EL_CLIENTDATA, editor);
  editor->keys.fd = fileno(stdin);
  editor->keys.pending = -1;
  el_set(editor->el, EL_GETCFN, read_key);
  el_set(editor->el, EL_EDITOR, "emacs");
  // Colour codes in the prompt are wrapped in \1 by the caller, so libedit sends them as they
  // are and leaves them out of the prompt's width.
  el_set(editor->el, EL_PROMPT_ESC, prompt_of, '\1');
  el_set(editor->el, EL_HIST, history, editor->history);
  el_set(editor->el, EL_ADDFN, "amends-complete", "Complete a command or scenario id", complete_word);
  el_set(editor->el, EL_BIND, "^I", "amends-complete", NULL);
  /* libedit's own em-inc-search-prev loses its match as soon as a pattern mixes multibyte
     and other characters ("€189"), so Ctrl-R is amends' own search over wide characters. */
  el_set(editor->el, EL_ADDFN, "amends-search", "Search the history backwards as you type", search_history);
  el_set(editor->el, EL_BIND, "^R", "amends-search", NULL);
  el_set(editor->el, EL_ADDFN, "amends-search-step", "One key of a history search", search_history_step);
  el_set(editor->el, EL_BIND, "^]", "amends-search-step", NULL);
  el_source(editor->el, NULL); /* the user's ~/.editrc, as every libedit program does */

  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; /* no SA_RESTART: el_gets must return */
  sigaction(SIGINT, &action, NULL);
  action.sa_handler = on_resize_signal;
  sigaction(SIGWINCH, &action, NULL);
  return editor;
}

void line_editor_close(LineEditor *editor) {
  if (!editor) return;
  history_search_end(editor);
  el_end(editor->el);
  history_end(editor->history);
  for (int i = 0; i < editor->word_count; i++) free(editor->words[i]);
  free(editor->words);
  free(editor->prompt);
  free(editor->line);
  free(editor);
  signal(SIGINT, SIG_DFL);
  signal(SIGWINCH, SIG_DFL);
}

int line_editor_adopt_locale(void) {
  /* Only the character type: libedit decodes keystrokes and the prompt with it. Numbers and
     dates stay in the C locale, so reports read the same in every country. */
  const char *set = setlocale(LC_CTYPE, "");
  if (set && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
  static const char *const fallbacks[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_GB.UTF-8"};
  for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
    if (setlocale(LC_CTYPE, fallbacks[i]) && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
  }
  return 0;
}

/* libedit turns the prompt into wide characters with the locale's decoder and dereferences the
   result without checking it: a prompt it cannot decode (a curly quote in the C locale, a
   broken byte) crashes el_gets. So a prompt is kept only in a form the locale can decode. */
static char *decodable_copy(const char *text) {
  char *copy = strdup(text);
  if (!copy) return NULL;
  mbstate_t state;
  memset(&state, 0, sizeof state);
  const char *cursor = copy;
  if (mbsrtowcs(NULL, &cursor, 0, &state) != (size_t)-1) return copy;
  for (char *p = copy; *p; p++)
    if ((unsigned char)*p >= 0x80) *p = '?';
  return copy;
}

void line_editor_set_prompt(LineEditor *editor, const char *prompt) {
  char *copy = decodable_copy(prompt ? prompt : "");
  if (!copy) return; /* out of memory: keep the previous prompt */
  free(editor->prompt);
  editor->prompt = copy;
}

const char *line_editor_read(LineEditor *editor, LineEditorStatus *status) {
  key_reader_interrupted = 0;
  if (key_reader_resized) { key_reader_resized = 0; el_resize(editor->el); }
  int count = 0;
  const char *text = el_gets(editor->el, &count);
  history_search_end(editor);  /* a line taken, or Ctrl-C: any search is over */
  if (key_reader_interrupted || (text == NULL && count < 0 && errno == EINTR)) {
    key_reader_interrupted = 0;
    el_reset(editor->el);
    fputs("^C\n", stdout);
    fflush(stdout);
    *status = LINE_EDITOR_INTERRUPTED;
    return NULL;
  }
  if (text == NULL || count <= 0) { *status = LINE_EDITOR_END; return NULL; }
  free(editor->line);
  /* The line's length in bytes: libedit's count is in characters in some versions. */
  size_t length = strlen(text);
  while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r')) length--;
  editor->line = strndup(text, length);
  *status = LINE_EDITOR_LINE;
  return editor->line;
}

void line_editor_add_history(LineEditor *editor, const char *line) {
  HistEvent event;
  history(editor->history, &event, H_ENTER, line);
}

int line_editor_load_history(LineEditor *editor, const char *path) {
  HistEvent event;
  return history(editor->history, &event, H_LOAD, path);
}

int line_editor_save_history(LineEditor *editor, const char *path) {
  HistEvent event;
  return history(editor->history, &event, H_SAVE, path);
}

void line_editor_set_completions(LineEditor *editor, const char *const *words, int count) {
  for (int i = 0; i < editor->word_count; i++) free(editor->words[i]);
  free(editor->words);
  editor->words = calloc((size_t)(count > 0 ? count : 1), sizeof(char *));
  editor->word_count = 0;
  if (!editor->words) return;
  for (int i = 0; i < count; i++) {
    char *copy = strdup(words[i]);
    if (copy) editor->words[editor->word_count++] = copy;
  }
}

int line_editor_take_invalid_input(LineEditor *editor) {
  int saw = editor->keys.saw_invalid;
  editor->keys.saw_invalid = 0;
  return saw;
}
