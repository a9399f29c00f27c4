# The same method as EqualFooting's OpinionAnalysis, done with scikit-learn on the same votes (run by ./bench.sh opinion-map).
# Reads the votes as binary triplets, builds the dense matrix with missing cells (loading, not timed), then times:
# mean imputation (SimpleImputer), PCA to two dimensions, k-means into 100 base clusters, weighted k-means of those into
# 2..5 groups, the number chosen by the weighted silhouette of the base clusters (as in OpinionAnalysis).
import sys, time
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.decomposition import PCA
from sklearn.cluster import KMeans

path, participants, statements, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
raw = np.fromfile(path, dtype=np.dtype([("p", "<i4"), ("s", "<i4"), ("v", "i1")]))
dense = np.full((participants, statements), np.nan)
dense[raw["p"], raw["s"]] = raw["v"]
counts = np.bincount(raw["p"], minlength=participants)
keep = counts >= min(7, statements)

def weighted_silhouette(x, w, labels, k):
    d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
    total = 0.0
    for i in range(len(x)):
        sums = np.zeros(k); cnt = np.zeros(k)
        mask = np.arange(len(x)) != i
        np.add.at(sums, labels[mask], w[mask] * d[i, mask])
        np.add.at(cnt, labels[mask], w[mask])
        own = labels[i]
        cnt[own] += w[i] - 1
        s = 0.0
        if cnt[own] > 0:
            a = sums[own] / cnt[own]
            others = [sums[c] / cnt[c] for c in range(k) if c != own and cnt[c] > 0]
            if others:
                b = min(others)
                s = (b - a) / max(a, b) if max(a, b) > 0 else 0.0
        total += w[i] * s
    return total / w.sum()

start = time.perf_counter()
cpu_start = time.process_time()
x = SimpleImputer(strategy="mean").fit_transform(dense[keep])
points = PCA(n_components=2, random_state=0).fit_transform(x)
base = KMeans(n_clusters=min(100, len(points)), n_init=1, random_state=0).fit(points)
weights = np.bincount(base.labels_, minlength=base.n_clusters).astype(float)
used = weights > 0
centres, weights = base.cluster_centers_[used], weights[used]
remap = -np.ones(base.n_clusters, dtype=int); remap[used] = np.arange(used.sum())
best = None
for k in range(2, 6):
    fit = KMeans(n_clusters=k, n_init=10, random_state=k).fit(centres, sample_weight=weights)
    s = weighted_silhouette(centres, weights, fit.labels_, k)
    if best is None or s > best[0] + 1e-12:
        best = (s, k, fit.labels_)
labels = best[2][remap[base.labels_]]
elapsed = time.perf_counter() - start
cpu = time.process_time() - cpu_start
result = -np.ones(participants, dtype=np.int32)
result[keep] = labels
result.tofile(out)
print(f"{elapsed:.6f} {best[1]} {cpu:.6f}")
