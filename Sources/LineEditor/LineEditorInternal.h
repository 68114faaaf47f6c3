#ifndef AMENDS_LINE_EDITOR_INTERNAL_H
#define AMENDS_LINE_EDITOR_INTERNAL_H

#include <histedit.h>
#include <wchar.h>
#include "KeyReader.h"

#define HISTORY_SEARCH_MAX 256
/* Ctrl-R starts a search and, during one, looks further back. */
#define HISTORY_SEARCH_AGAIN_KEY 0x12
/* Ctrl-]: what libedit is handed for each key typed during a search (see HistorySearch.c). */
#define HISTORY_SEARCH_STEP_KEY 0x1D

/* An incremental history search under way (Ctrl-R). */
typedef struct HistorySearch {
  int active;
  wchar_t pattern[HISTORY_SEARCH_MAX + 1];
  size_t length;
  int from;           /* lines back where the search starts */
  int found;          /* lines back of the current match */
  int failed;         /* no line holds the pattern */
  wchar_t key;        /* the key typed, kept for the step function */
  wchar_t *original;  /* the line as it was before the search */
  char *saved_prompt; /* the prompt to put back */
} HistorySearch;

/* The editor's state, shared by the files of this target (never by Swift). */
typedef struct LineEditor LineEditor;
struct LineEditor {
  EditLine *el;
  History *history;
  char *prompt;
  char **words;
  int word_count;
  char *line; /* copy of the last line, without its newline */
  KeyReader keys;
  HistorySearch search;
};

/* Ctrl-R, and the step key's function (HistorySearch.c). */
unsigned char search_history(EditLine *el, int ch);
unsigned char search_history_step(EditLine *el, int ch);
/* During a search, keeps `key` and puts the step key in *out (returns 1); else returns 0. */
int history_search_intercept(LineEditor *editor, wchar_t key, wchar_t *out);
/* Ends a search (Ctrl-C, or the line being taken): the prompt is put back. */
void history_search_end(LineEditor *editor);

#endif
