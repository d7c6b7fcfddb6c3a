import BerthWire
import Testing

@Suite struct ListResponsesTests {
    @Test func catalog() {
        #expect(OCITest.text(CatalogResponse.jsonBody(repositories: ["a/b", "c"])) == #"{"repositories":["a/b","c"]}"#)
        #expect(OCITest.text(CatalogResponse.jsonBody(repositories: [])) == #"{"repositories":[]}"#)
    }

    @Test func tagsList() {
        #expect(
            OCITest.text(TagsListResponse.jsonBody(name: "team/app", tags: ["1.0", "latest"])) == #"{"name":"team/app","tags":["1.0","latest"]}"#)
        #expect(OCITest.text(TagsListResponse.jsonBody(name: "ab", tags: [])) == #"{"name":"ab","tags":[]}"#)
        #expect(OCITest.text(TagsListResponse.jsonBody(name: "q\"\\", tags: ["\t"])) == #"{"name":"q\"\\","tags":["\t"]}"#)
    }

    @Test func headerNames() {
        #expect(OCIHeaderName.apiVersion == "Docker-Distribution-API-Version")
        #expect(OCIHeaderName.apiVersionValue == "registry/2.0")
        #expect(OCIHeaderName.filtersApplied == "OCI-Filters-Applied")
    }
}
