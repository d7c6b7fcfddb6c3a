import BerthModel
import BerthService
import BerthWire
import HTTPTypes
import Hummingbird

extension OCIResponder {
    func catalog(_ request: Request) -> Response {
        attempt(request, about: .other) {
            let paging = try OCIPagination.parse(n: queryValue(request, "n"), last: queryValue(request, "last")).get()
            let names = paging.pageSize == 0 ? [] : try registry.repositoryNames(after: paging.last, limit: paging.pageSize + 1)
            let page = paging.page(names)
            var headers: HTTPFields = [:]
            if let link = page.catalogLinkHeader() { headers[OCIReply.link] = link }
            return OCIReply.bytes(
                CatalogResponse.jsonBody(repositories: page.items), contentType: "application/json", status: .ok, method: request.method,
                headers: headers)
        }
    }

    func tagsList(_ request: Request, name: String) -> Response {
        attempt(request, about: .other) {
            let paging = try OCIPagination.parse(n: queryValue(request, "n"), last: queryValue(request, "last")).get()
            let tags = try registry.tags(repository: name, after: paging.last, limit: paging.pageSize + 1)
            let page = paging.page(paging.pageSize == 0 ? [] : tags)
            var headers: HTTPFields = [:]
            if let link = page.tagsListLinkHeader(name: name) { headers[OCIReply.link] = link }
            return OCIReply.bytes(
                TagsListResponse.jsonBody(name: name, tags: page.items), contentType: "application/json", status: .ok, method: request.method,
                headers: headers)
        }
    }

    func referrers(_ request: Request, name: String, subject: Digest) -> Response {
        attempt(request, about: .other) {
            let referrers = try registry.referrers(repository: name, subject: subject).filter { $0.status == .active }
            let descriptors = referrers.compactMap { referrer -> ReferrerDescriptor? in
                guard let digest = Digest(parsing: referrer.digest) else { return nil }
                return ReferrerDescriptor(
                    mediaType: referrer.mediaType, digest: digest, size: referrer.size, artifactType: referrer.artifactType,
                    annotations: referrer.annotations)
            }
            let index = ReferrersIndex(referrers: descriptors, artifactType: queryValue(request, "artifactType"))
            var headers: HTTPFields = [:]
            if let applied = index.filtersAppliedHeader { headers[OCIReply.name(OCIHeaderName.filtersApplied)] = applied }
            return OCIReply.bytes(index.jsonBody(), contentType: ReferrersIndex.contentType, status: .ok, method: request.method, headers: headers)
        }
    }
}
