/* s3_xml.c: just enough XML for S3 answers: find <Tag>text</Tag> by string scanning and unescape entities. */
#include "s3_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *find_in(const char *from, const char *end, const char *needle) {
    size_t n = strlen(needle);
    for (const char *p = from; p && p + n <= end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p || p + n > end) return NULL;
        if (!memcmp(p, needle, n)) return p;
    }
    return NULL;
}

const char *s3_xml_find(const char *from, const char *end, const char *tag, const char **value, size_t *value_len) {
    char open[80], close[80];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *start = find_in(from, end, open);
    if (!start) return NULL;
    start += strlen(open);
    const char *stop = find_in(start, end, close);
    if (!stop) return NULL;
    *value = start;
    *value_len = (size_t)(stop - start);
    return stop + strlen(close);
}

char *s3_xml_unescape(const char *value, size_t len) {
    char *out = malloc(len + 1), *o = out;
    if (!out) return NULL;
    const char *end = value + len;
    for (const char *p = value; p < end;) {
        if (*p != '&') { *o++ = *p++; continue; }
        const char *semi = memchr(p, ';', (size_t)(end - p));
        if (!semi) { *o++ = *p++; continue; }
        size_t n = (size_t)(semi - p - 1);
        const char *name = p + 1;
        if (n == 3 && !memcmp(name, "amp", 3)) *o++ = '&';
        else if (n == 2 && !memcmp(name, "lt", 2)) *o++ = '<';
        else if (n == 2 && !memcmp(name, "gt", 2)) *o++ = '>';
        else if (n == 4 && !memcmp(name, "quot", 4)) *o++ = '"';
        else if (n == 4 && !memcmp(name, "apos", 4)) *o++ = '\'';
        else if (n >= 2 && name[0] == '#') {
            unsigned long code = name[1] == 'x' ? strtoul(name + 2, NULL, 16) : strtoul(name + 1, NULL, 10);
            if (code < 0x80) *o++ = (char)code;
            else if (code < 0x800) { *o++ = (char)(0xC0 | (code >> 6)); *o++ = (char)(0x80 | (code & 0x3F)); }
            else { *o++ = (char)(0xE0 | ((code >> 12) & 0x0F)); *o++ = (char)(0x80 | ((code >> 6) & 0x3F)); *o++ = (char)(0x80 | (code & 0x3F)); }
        } else {
            memcpy(o, p, n + 2);
            o += n + 2;
        }
        p = semi + 1;
    }
    *o = 0;
    return out;
}

char *s3_xml_text(const char *from, const char *end, const char *tag) {
    const char *value;
    size_t len;
    if (!from || !s3_xml_find(from, end, tag, &value, &len)) return NULL;
    return s3_xml_unescape(value, len);
}
