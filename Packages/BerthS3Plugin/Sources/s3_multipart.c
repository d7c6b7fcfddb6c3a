/* s3_multipart.c: the S3 multipart upload calls (create, upload part, complete, abort, abort every upload under a
 * prefix). UploadPartCopy lives in s3_http.c next to CopyObject, which uses it. */
#include "s3_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

berth_status s3_mp_create(s3_store *store, CURL *curl, const char *key, char *upload_id, size_t id_len, char *err,
                          size_t err_len) {
    const char *pairs[] = {"uploads", "", NULL};
    char *query = s3_query(pairs);
    s3_request request = {.op = "CreateMultipartUpload", .method = "POST", .key = key, .query = query,
                          .content_type = "application/octet-stream"};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    if (status == BERTH_OK) {
        char *id = response.body ? s3_xml_text(response.body, response.body + response.body_len, "UploadId") : NULL;
        if (!id || !*id || strlen(id) >= id_len)
            status = s3_fail(BERTH_ERROR, err, err_len, "CreateMultipartUpload s3://%s/%s: no usable UploadId in the answer",
                             store->config.bucket, key);
        else
            strcpy(upload_id, id);
        free(id);
    }
    s3_response_free(&response);
    free(query);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
}

berth_status s3_mp_part(s3_store *store, CURL *curl, const char *key, const char *upload_id, int32_t number,
                        const void *bytes, size_t len, char *etag, size_t etag_len, char *err, size_t err_len) {
    char number_text[16];
    snprintf(number_text, sizeof number_text, "%d", number);
    const char *pairs[] = {"partNumber", number_text, "uploadId", upload_id, NULL};
    char *query = s3_query(pairs);
    s3_request request = {.op = "UploadPart", .method = "PUT", .key = key, .query = query, .body = bytes, .body_len = len};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    if (status == BERTH_OK && !response.etag[0])
        status = s3_fail(BERTH_ERROR, err, err_len, "UploadPart %d s3://%s/%s: no ETag in the answer", number,
                         store->config.bucket, key);
    if (status == BERTH_OK) snprintf(etag, etag_len, "%s", response.etag);
    s3_response_free(&response);
    free(query);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
}

berth_status s3_mp_complete(s3_store *store, CURL *curl, const char *key, const char *upload_id, const s3_part *parts,
                            int32_t count, char *err, size_t err_len) {
    size_t len = 64 + (size_t)count * 220, used = 0;
    char *xml = malloc(len);
    used += (size_t)snprintf(xml + used, len - used, "<CompleteMultipartUpload>");
    for (int32_t i = 0; i < count; i++) {
        /* ETags are quoted hex; escape the quotes for XML */
        used += (size_t)snprintf(xml + used, len - used, "<Part><PartNumber>%d</PartNumber><ETag>", parts[i].number);
        for (const char *p = parts[i].etag; *p; p++) {
            if (*p == '"') used += (size_t)snprintf(xml + used, len - used, "&quot;");
            else if (*p == '&') used += (size_t)snprintf(xml + used, len - used, "&amp;");
            else if (*p != '<' && *p != '>') xml[used++] = *p;
        }
        used += (size_t)snprintf(xml + used, len - used, "</ETag></Part>");
    }
    used += (size_t)snprintf(xml + used, len - used, "</CompleteMultipartUpload>");
    const char *pairs[] = {"uploadId", upload_id, NULL};
    char *query = s3_query(pairs);
    s3_request request = {.op = "CompleteMultipartUpload", .method = "POST", .key = key, .query = query, .body = xml,
                          .body_len = used, .content_type = "application/xml", .error_in_200 = 1};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    s3_response_free(&response);
    free(query);
    free(xml);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
}

berth_status s3_mp_abort(s3_store *store, CURL *curl, const char *key, const char *upload_id, char *err,
                         size_t err_len) {
    const char *pairs[] = {"uploadId", upload_id, NULL};
    char *query = s3_query(pairs);
    s3_request request = {.op = "AbortMultipartUpload", .method = "DELETE", .key = key, .query = query};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    s3_response_free(&response);
    free(query);
    return status == BERTH_NOT_FOUND ? BERTH_OK : status; /* NoSuchUpload: already gone */
}

berth_status s3_mp_abort_all(s3_store *store, CURL *curl, const char *prefix, char *err, size_t err_len) {
    berth_status status = BERTH_OK;
    for (int round = 0; round < 100 && status == BERTH_OK; round++) {
        /* each round lists the first page again: the uploads aborted in the previous round are gone */
        const char *pairs[] = {"uploads", "", "prefix", prefix, NULL};
        char *query = s3_query(pairs);
        s3_request request = {.op = "ListMultipartUploads", .method = "GET", .query = query};
        s3_response response;
        status = s3_perform(store, curl, &request, &response, err, err_len);
        free(query);
        int aborted = 0;
        const char *p = response.body, *end = p ? p + response.body_len : NULL, *value;
        size_t len;
        while (status == BERTH_OK && p && (p = s3_xml_find(p, end, "Upload", &value, &len))) {
            char *key = s3_xml_text(value, value + len, "Key"), *id = s3_xml_text(value, value + len, "UploadId");
            if (key && id) {
                status = s3_mp_abort(store, curl, key, id, err, err_len);
                aborted++;
            }
            free(key);
            free(id);
        }
        s3_response_free(&response);
        if (!aborted) break;
    }
    return status;
}
